package batchlab.submit;

import batchlab.aws.AwsClients;
import batchlab.aws.QueueCapacity;
import batchlab.aws.Retry;
import batchlab.aws.StackOutputs;
import batchlab.aws.StopSignal;
import batchlab.aws.SubmitException;
import batchlab.batch.LabContract;
import batchlab.run.JobGroup;
import batchlab.run.RunLock;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.util.BadInputException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Submits runs: finds the queue and job definition (stack outputs or explicit names), checks them
 * (preflight), records the run and fans out its jobs exactly once. The Java API under {@code
 * ./batch-lab submit}; {@code ./batch-lab experiment} calls it in-process.
 *
 * <pre>{@code
 * try (AwsClients clients = AwsClients.forEndpoint(emulator.endpoint(), "us-east-1")) {
 *   RunStore store = new RunStore(Path.of("runs"));
 *   SubmitResult submitted = new Submitter(clients, store, SubmitOptions.defaults())
 *       .submit(SubmitRequest.builder().jobs(10).build(), SubmitListener.NONE);
 *   WatchResult watched = new Watcher(clients, WatchOptions.defaults()).watch(submitted.run(), WatchListener.NONE);
 *   store.saveResult(watched);
 * }
 * }</pre>
 */
public final class Submitter {

  private final AwsClients clients;
  private final RunStore store;
  private final SubmitOptions options;
  private final Clock clock;
  private final StopSignal stop = new StopSignal();

  public Submitter(AwsClients clients, RunStore store, SubmitOptions options) {
    this(clients, store, options, Clock.systemUTC());
  }

  Submitter(AwsClients clients, RunStore store, SubmitOptions options, Clock clock) {
    this.clients = clients;
    this.store = store;
    this.options = options;
    this.clock = clock;
  }

  /** Asks a running submit to stop: calls in flight finish and are recorded, nothing new is sent. */
  public void requestStop() {
    stop.requestStop();
  }

  /** Starts a new run and submits all its jobs. */
  public SubmitResult submit(SubmitRequest request, SubmitListener listener) {
    Retry retry = retry();
    StackOutputs outputs = null;
    String jobDefinition = request.jobDefinition();
    String logGroup = null;
    if (request.needsStack()) {
      outputs = StackOutputs.describe(clients, request.stack(), retry);
      if (jobDefinition == null) {
        jobDefinition = outputs.require("job definition", LabContract.OUTPUT_JOB_DEFINITION_ARN,
            LabContract.OUTPUT_JOB_DEFINITION_NAME);
      }
      logGroup = outputs.output(LabContract.OUTPUT_LOG_GROUP_NAME).orElse(null);
    }
    LabQueues labQueues = new LabQueues(outputs);
    LabQueues.Named runQueue = request.jobQueue() != null ? labQueues.resolve(request.jobQueue())
        : labQueues.defaultQueue();
    Map<String, QueueCapacity> described = new LinkedHashMap<>();
    List<JobGroup> groups = new ArrayList<>();
    if (request.grouped()) {
      List<JobMix.Entry> entries = request.mix().isEmpty()
          ? List.of(new JobMix.Entry(null, request.share(), request.array() ? 1 : request.jobs())) : request.mix();
      for (JobMix.Entry entry : entries) {
        LabQueues.Named named = entry.queue() == null ? runQueue : labQueues.resolve(entry.queue());
        QueueCapacity queue = described.computeIfAbsent(named.queue(),
            q -> QueueCapacity.describe(clients.batch(), q, retry, labQueues.notFoundAdvice()));
        Preflight.requireUsable(queue);
        Preflight.requireShareFits(queue, named.label(), entry.share());
        groups.add(new JobGroup(queue.queueArn(), named.label(), entry.share(), request.priority(), entry.count()));
      }
    } else {
      described.put(runQueue.queue(),
          QueueCapacity.describe(clients.batch(), runQueue.queue(), retry, labQueues.notFoundAdvice()));
      Preflight.requireShareFits(described.get(runQueue.queue()), runQueue.label(), null);
    }
    Map<String, String> parameters = request.effectiveParameters();
    QueueCapacity first = described.values().iterator().next();
    Preflight.Result preflight = Preflight.check(clients.batch(), first, jobDefinition, parameters, request.jobs(),
        retry);
    preflight.warnings().forEach(listener::warned);

    String runId = request.runId() != null ? request.runId() : RunStore.newRunId(clock, new SecureRandom());
    String prefix = request.namePrefix() != null ? request.namePrefix() : "batchlab-" + runId;
    RunRecord run = new RunRecord(runId, clock.instant(), clients.endpoint().map(Object::toString).orElse(null),
        clients.region(), outputs == null ? null : outputs.stackName(), first.queueArn(), preflight.definition().arn(),
        logGroup, prefix, request.jobs(), request.array(), parameters, preflight.shape(), List.of(), groups);
    try (RunLock lock = store.lock(runId, "submit")) {
      if (store.exists(runId)) {
        throw new BadInputException("run " + runId + " already exists in " + store.root() + ": use --resume " + runId
            + store.cliOption());
      }
      return fanOut(run, preflight, Map.of(), retry, listener);
    }
  }

  /**
   * Submits the jobs of a recorded run that are not confirmed yet. Jobs the server already has under
   * the run's names (submitted just before an interruption, not yet recorded) are adopted, not
   * submitted again. The run is locked meanwhile ({@link RunStore#lock}): a second submit or resume of
   * it fails at once.
   */
  public SubmitResult resume(RunRecord recorded, SubmitListener listener) {
    Retry retry = retry();
    // Held from before the server is asked what it has until the record is final: two resumes at once
    // would each find the same jobs missing and submit them twice.
    try (RunLock lock = store.lock(recorded.runId(), "submit --resume")) {
      // What the record says now: a writer that held the run before us may have confirmed more.
      RunRecord run = store.exists(recorded.runId()) ? store.load(recorded.runId()) : recorded;
      Preflight.Result preflight = Preflight.check(clients.batch(), run.jobQueue(), run.jobDefinition(),
          run.parameters(), run.jobCount(), retry);
      for (JobGroup group : run.groups()) {
        QueueCapacity queue = group.jobQueue().equals(preflight.queue().queueArn()) ? preflight.queue()
            : QueueCapacity.describe(clients.batch(), group.jobQueue(), retry);
        Preflight.requireUsable(queue);
        Preflight.requireShareFits(queue, group.queue(), group.share());
      }
      preflight.warnings().forEach(listener::warned);
      Map<String, String> onServer = run.complete() ? Map.of() : new ExistingJobs(clients.batch(), run, retry).all();
      return fanOut(run, preflight, onServer, retry, listener);
    }
  }

  private SubmitResult fanOut(RunRecord run, Preflight.Result preflight, Map<String, String> onServer, Retry retry,
      SubmitListener listener) {
    long started = System.nanoTime();
    RunJournal journal = new RunJournal(store, run, options.journalFlush());
    FanOutStats stats;
    try {
      FanOut fanOut = new FanOut(clients.batch(), run, journal, new ExistingJobs(clients.batch(), run, retry),
          options.limiter(clients.loopback()), options.backoff(), stop, retry.target(), listener);
      List<Integer> missing = new ArrayList<>();
      Map<String, String> available = new HashMap<>(onServer);
      IntStream.rangeClosed(1, run.expectedSubmissions()).filter(i -> !journal.isConfirmed(i)).forEach(i -> {
        String id = available.remove(run.jobName(i));
        if (id != null && !journal.isKnownId(id)) {
          fanOut.adopt(i, id);
        } else {
          missing.add(i);
        }
      });
      stats = fanOut.run(missing, options.maxInFlight());
    } catch (SubmitException e) {
      throw new SubmitException(e.getMessage() + " (" + journal.size() + " of " + run.expectedSubmissions()
          + " submissions recorded; submit the rest with: ./batch-lab submit --resume " + run.runId() + store.cliOption()
          + ")", e);
    } finally {
      journal.close();
    }
    RunRecord saved = journal.snapshot();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new SubmitResult(saved, preflight.warnings(), preflight.prediction(), stats, elapsed, !saved.complete());
  }

  private Retry retry() {
    return new Retry(options.backoff(), stop, clients.describeTarget());
  }
}
