package batchlab.experiment;

import batchlab.aws.AwsClients;
import batchlab.local.BatchEmulator;
import batchlab.local.Speed;
import batchlab.local.Timings;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * Replays a run's submissions on the twin: the in-process emulator with a MANUAL clock, loaded with
 * the run's stack, the same jobs (names, parameters) created at the same offsets from the first as
 * in the run (their createdAt), through the AWS SDK. The clock then runs from event to event until
 * every job finished. Returns the replay's first attempts, for {@code TwinComparison}.
 */
public final class TwinReplay {

  /** Jobs still unfinished this long (virtual) after the last submission are given up on. */
  private static final Duration GIVE_UP_AFTER = Duration.ofDays(2);
  private static final Duration STEP = Duration.ofMinutes(10);

  private TwinReplay() {}

  /**
   * @param templateJson the run's stack, synthesized with the run's maxvCpus
   * @param observed the run's attempts (their first attempts give the submissions)
   */
  public static List<JobAttempt> replay(String templateJson, String stackName, Timings timings, RunRecord run,
      List<JobAttempt> observed) {
    // Submission order: createdAt; jobs created in the same millisecond (a concurrent fan-out) in the
    // order they started, which is the order the queue (FIFO) held them in.
    List<JobAttempt> submissions = observed.stream().filter(a -> a.attempt() == 1)
        .sorted(Comparator.comparing(JobAttempt::createdAt)
            .thenComparing(JobAttempt::startedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(JobAttempt::jobName)).toList();
    if (submissions.isEmpty()) {
      return List.of();
    }
    Instant origin = submissions.get(0).createdAt();
    try (BatchEmulator twin = BatchEmulator.builder().templateJson(templateJson).stackName(stackName)
            .workload(LabWorkload.DEFAULT).speed(Speed.MANUAL).timings(timings).startTime(origin).seed(1)
            .build().start();
        AwsClients clients = AwsClients.forEndpoint(twin.endpoint(), twin.region())) {
      BatchClient batch = clients.batch();
      String queue = twin.stack().output("JobQueueName").orElseThrow();
      String definition = twin.stack().output("JobDefinitionName").orElseThrow();
      List<String> ids = new ArrayList<>();
      for (JobAttempt job : submissions) {
        Duration ahead = Duration.between(twin.now(), job.createdAt());
        if (!ahead.isNegative() && !ahead.isZero()) {
          twin.advance(ahead);
        }
        ids.add(batch.submitJob(r -> r.jobName(job.jobName()).jobQueue(queue).jobDefinition(definition)
            .parameters(run.parameters())).jobId());
      }
      List<JobDetail> details = describe(batch, ids);
      for (Duration waited = Duration.ZERO; !allDone(details) && waited.compareTo(GIVE_UP_AFTER) < 0;
          waited = waited.plus(STEP)) {
        twin.advance(STEP);
        details = describe(batch, ids);
      }
      return details.stream().map(TwinReplay::firstAttempt).toList();
    }
  }

  private static List<JobDetail> describe(BatchClient batch, List<String> ids) {
    List<JobDetail> details = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 100) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
      details.addAll(batch.describeJobs(r -> r.jobs(chunk)).jobs());
    }
    return details;
  }

  private static boolean allDone(List<JobDetail> details) {
    return details.stream().allMatch(d -> JobState.parse(d.statusAsString()).map(JobState::isTerminal).orElse(false));
  }

  private static JobAttempt firstAttempt(JobDetail job) {
    JobState state = JobState.parse(job.statusAsString()).orElse(JobState.SUBMITTED);
    Instant created = Instant.ofEpochMilli(job.createdAt());
    Long started = job.startedAt();
    Long stopped = job.stoppedAt();
    if (!job.attempts().isEmpty()) {
      AttemptDetail first = job.attempts().get(0);
      started = first.startedAt();
      stopped = first.stoppedAt();
      state = job.attempts().size() == 1 ? state : JobState.FAILED;
    }
    return new JobAttempt(job.jobName(), job.jobId(), 1, state, job.statusReason(), null, created, created,
        started == null ? null : Instant.ofEpochMilli(started), stopped == null ? null : Instant.ofEpochMilli(stopped),
        null, null, null);
  }
}
