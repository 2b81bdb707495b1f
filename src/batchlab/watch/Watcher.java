package batchlab.watch;

import batchlab.analysis.GroupSplit;
import batchlab.analysis.Prediction;
import batchlab.analysis.RunSummary;
import batchlab.analysis.SummaryCalculator;
import batchlab.analysis.WaitsByQueue;
import batchlab.aws.AwsClients;
import batchlab.aws.Backoff;
import batchlab.aws.QueueCapacity;
import batchlab.aws.Retry;
import batchlab.aws.StopSignal;
import batchlab.aws.SubmitException;
import batchlab.batch.TwinClock;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.Observations;
import batchlab.run.Outcome;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.run.Sample;
import batchlab.util.BadInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.DescribeComputeEnvironmentsResponse;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Watches a submitted run until every job finished, a timeout, or a stop request: polls the jobs
 * (see {@link JobTracker}), the instances (ECS) and desiredvCpus (DescribeComputeEnvironments),
 * then builds the timeline and the summary. The Java API under {@code ./batch-lab watch}.
 */
public final class Watcher {

  private final BatchClient batch;
  private final EcsClient ecs;
  private final Ec2Client ec2;
  private final String target;
  private final WatchOptions options;
  private final Supplier<Instant> serverClock;
  private final StopSignal stop = new StopSignal();

  /**
   * Sample times come from the emulator's virtual time header ({@link TwinClock#HEADER}), else the server's
   * HTTP Date header (AWS: its clock), else the local clock.
   */
  public Watcher(AwsClients clients, WatchOptions options) {
    this(clients, options, null);
  }

  /**
   * @param serverClock the server's clock when the caller knows it better than the Date header
   *     does: an in-process emulator's virtual clock ({@code emulator::now}), whose job timestamps
   *     run faster than real time while its HTTP Date header stays real
   */
  public Watcher(AwsClients clients, WatchOptions options, Supplier<Instant> serverClock) {
    this.batch = clients.batch();
    this.ecs = clients.ecs();
    this.ec2 = clients.ec2();
    this.target = clients.describeTarget();
    this.options = options;
    this.serverClock = serverClock;
  }

  /** Ends the watch after the current poll; the result is then INTERRUPTED (unless all finished). */
  public void requestStop() {
    stop.requestStop();
  }

  /** Watches {@code run}; its hints assume it lives in the default runs folder. */
  public WatchResult watch(RunRecord run, WatchListener listener) {
    return watch(run, "", listener);
  }

  /** Watches {@code run}, which lives in {@code store}: its hints name the store's {@code --runs-dir}. */
  public WatchResult watch(RunRecord run, RunStore store, WatchListener listener) {
    return watch(run, store.cliOption(), listener);
  }

  private WatchResult watch(RunRecord run, String runsDirOption, WatchListener listener) {
    String resume = "./batch-lab submit --resume " + run.runId() + runsDirOption;
    if (run.jobs().isEmpty()) {
      throw new BadInputException("run " + run.runId() + " has no submitted jobs to watch: submit them with: " + resume);
    }
    if (!run.complete()) {
      listener.warned("run " + run.runId() + " is incomplete (" + run.jobs().size() + " of "
          + run.expectedSubmissions() + " submitted): watching those; submit the rest with " + resume);
    }
    Retry retry = new Retry(Backoff.DEFAULT, new StopSignal(), target);
    RunQueues queues = RunQueues.describe(batch, run, retry, listener::warned);
    QueueCapacity queue = queues.first(run);
    JobTracker jobs = JobTracker.of(run, batch, retry, listener::warned);
    InstanceTracker instances = new InstanceTracker(ecs, queues.clusters(), retry);
    boolean countInstances = true;
    List<String> notRecorded = new ArrayList<>();

    List<Sample> samples = new ArrayList<>();
    long deadline = options.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + options.timeout().toNanos();
    Outcome outcome;
    while (true) {
      Map<JobState, Integer> counts = jobs.poll();
      int instanceCount = 0;
      if (countInstances) {
        try {
          instanceCount = instances.count();
        } catch (SubmitException e) {
          countInstances = false;
          listener.warned("instances not counted: " + e.getMessage());
          notRecorded.add("instances (ECS registeredAt, when each left the cluster): " + e.getMessage());
        }
      }
      Environments environments = readEnvironments(queues, retry);
      instances.seenAt(environments.time());
      RunQueues.Causes causes = queues.causes(jobs.polled(), counts.getOrDefault(JobState.RUNNABLE, 0),
          environments.desiredVcpus(), countInstances ? instances.registeredVcpus() : -1, environments.maxVcpus());
      Sample sample = new Sample(environments.time(), counts, instanceCount, environments.desiredVcpus(),
          jobs.unknown(), causes.run(), causes.byQueue());
      samples.add(sample);
      // Wall time since the run began, as the user lives it (an emulator's job clock may run faster).
      listener.polled(sample, Duration.between(run.createdAt(), Instant.now()), jobs.jobs());
      if (jobs.finished()) {
        outcome = Outcome.COMPLETED;
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        outcome = Outcome.TIMED_OUT;
        break;
      }
      if (!stop.sleep(Duration.ofNanos(Math.min(left, options.interval().toNanos())))) {
        outcome = Outcome.INTERRUPTED;
        break;
      }
    }

    List<JobTracker.Named> details = jobs.details();
    if (countInstances) {
      try {
        instances.learnAll(details.stream().flatMap(n -> containerInstances(n.detail()).stream()).toList());
      } catch (SubmitException e) {
        listener.warned("instances of finished attempts not named: " + e.getMessage());
      }
    }
    List<JobAttempt> attempts = new ArrayList<>();
    details.forEach(n -> attempts.addAll(TimelineBuilder.attempts(n.detail(), n.name(), instances::lookup)));
    if (outcome == Outcome.COMPLETED && countInstances && options.followScaleIn() != null) {
      countInstances = followScaleIn(instances, attempts, queues, retry, listener, notRecorded);
    }
    Observations observations = new CalibrationRecorder(ec2, ecs, retry, listener::warned)
        .record(instances, details.stream().map(JobTracker.Named::detail).toList(), countInstances, notRecorded);

    if (outcome != Outcome.COMPLETED && options.cancelOnExit()) {
      List<String> unfinished = jobs.unfinishedIds();
      unfinished.forEach(id -> retry.call("batch:TerminateJob",
          () -> batch.terminateJob(r -> r.jobId(id).reason("batch-lab watch --cancel-on-exit"))));
      listener.cancelled(unfinished.size());
    }
    Prediction prediction = Prediction.of(jobs.jobs(), run.job(), queue.maxVcpus(), queue.knownInstanceTypes());
    RunSummary summary = SummaryCalculator.summarize(run.runId(), jobs.jobs(), attempts, samples, prediction, outcome)
        .withGroups(GroupSplit.of(run, attempts)).withWaitCauses(WaitsByQueue.of(run, attempts, samples));
    return new WatchResult(run, attempts, samples, summary, observations);
  }

  /**
   * After the jobs finished: polls the instances (ECS only) every interval until each instance the
   * run's attempts used has left its cluster, or the limit passes or a stop is requested.
   *
   * @return whether the instances could still be read (false after an ECS failure)
   */
  private boolean followScaleIn(InstanceTracker instances, List<JobAttempt> attempts, RunQueues queue,
      Retry retry, WatchListener listener, List<String> notRecorded) {
    Set<String> used = attempts.stream().map(JobAttempt::instance).filter(Objects::nonNull).collect(Collectors.toSet());
    long deadline = System.nanoTime() + options.followScaleIn().toNanos();
    listener.followingScaleIn(used.size());
    while (!instances.allGone(used)) {
      if (System.nanoTime() >= deadline) {
        notRecorded.add("scale-in of some instances: still registered " + options.followScaleIn().toSeconds()
            + " s after the last job");
        return true;
      }
      if (!stop.sleep(options.interval())) {
        return true;
      }
      try {
        instances.count();
        instances.seenAt(readEnvironments(queue, retry).time());
        listener.scaleInPolled();
      } catch (SubmitException e) {
        listener.warned("scale-in not followed: " + e.getMessage());
        notRecorded.add("scale-in (when each instance left the cluster): " + e.getMessage());
        return false;
      }
    }
    return true;
  }

  /** The compute environments at one poll: desiredvCpus and maxvCpus summed, at the server's time. */
  private record Environments(Instant time, int desiredVcpus, int maxVcpus) {}

  /** desiredvCpus now, and the poll's time on the server's clock (its Date header) when it gives one. */
  private Environments readEnvironments(RunQueues queue, Retry retry) {
    DescribeComputeEnvironmentsResponse response = retry.call("batch:DescribeComputeEnvironments",
        () -> batch.describeComputeEnvironments(r -> r.computeEnvironments(queue.environmentArns())));
    int desired = response.computeEnvironments().stream()
        .map(e -> e.computeResources() == null ? null : e.computeResources().desiredvCpus())
        .filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
    int max = response.computeEnvironments().stream()
        .map(e -> e.computeResources() == null ? null : e.computeResources().maxvCpus())
        .filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
    return new Environments(serverTime(response.sdkHttpResponse()), desired, max);
  }

  /**
   * The poll's time on the clock of the job timestamps: the caller's server clock, else the emulator's
   * virtual time ({@link TwinClock#HEADER}), else the Date header (AWS), else the local clock.
   */
  private Instant serverTime(SdkHttpResponse response) {
    if (serverClock != null) {
      return serverClock.get();
    }
    return response.firstMatchingHeader(TwinClock.HEADER).map(Watcher::isoInstant)
        .or(() -> response.firstMatchingHeader("Date").map(Watcher::httpDate)).orElseGet(Instant::now);
  }

  private static Instant isoInstant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant httpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<String> containerInstances(JobDetail job) {
    List<String> arns = new ArrayList<>();
    for (AttemptDetail attempt : job.attempts()) {
      if (attempt.container() != null && attempt.container().containerInstanceArn() != null) {
        arns.add(attempt.container().containerInstanceArn());
      }
    }
    if (job.container() != null && job.container().containerInstanceArn() != null) {
      arns.add(job.container().containerInstanceArn());
    }
    return arns;
  }
}
