package batchlab.watch;

import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.batch.model.AttemptContainerDetail;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.ContainerDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * Turns a DescribeJobs {@link JobDetail} into timeline rows: one per finished attempt (attempts[]),
 * plus one for the attempt in progress while the job is not finished (the job-level fields describe
 * it). A finished job that never ran (cancelled while RUNNABLE) gives one row without startedAt.
 */
final class TimelineBuilder {

  private TimelineBuilder() {}

  /**
   * @param name the name to show (array children: {@code <name>:<index>})
   * @param instances container instance ARN to instance, for naming where attempts ran
   */
  static List<JobAttempt> attempts(JobDetail job, String name, Function<String, InstanceTracker.Instance> instances) {
    JobState state = JobState.parse(job.statusAsString()).orElse(JobState.SUBMITTED);
    Instant created = instant(job.createdAt());
    if (created == null) {
      created = Instant.EPOCH;
    }
    List<JobAttempt> rows = new ArrayList<>();
    List<AttemptDetail> finished = job.attempts();
    Instant queued = created;
    for (int i = 0; i < finished.size(); i++) {
      AttemptDetail attempt = finished.get(i);
      boolean lastOfFinishedJob = state.isTerminal() && i == finished.size() - 1;
      JobState status = lastOfFinishedJob ? state : JobState.FAILED;
      AttemptContainerDetail container = attempt.container();
      String reason = attempt.statusReason() != null ? attempt.statusReason()
          : lastOfFinishedJob ? job.statusReason() : null;
      InstanceTracker.Instance instance = container == null ? null : instances.apply(container.containerInstanceArn());
      rows.add(new JobAttempt(name, job.jobId(), i + 1, status, reason, container == null ? null : container.exitCode(),
          created, queued, instant(attempt.startedAt()), instant(attempt.stoppedAt()),
          instance == null ? null : instance.id(), instance == null ? null : instance.type(),
          container == null ? null : container.logStreamName()));
      if (attempt.stoppedAt() != null) {
        queued = instant(attempt.stoppedAt());
      }
    }
    if (!state.isTerminal() || finished.isEmpty()) {
      rows.add(current(job, name, state, created, queued, rows.size() + 1, instances));
    }
    return rows;
  }

  /** The attempt the job-level fields describe: in progress, or the only one of a job with no attempts[]. */
  private static JobAttempt current(JobDetail job, String name, JobState state, Instant created, Instant queued,
      int number, Function<String, InstanceTracker.Instance> instances) {
    Instant started = instant(job.startedAt());
    if (started != null && started.isBefore(queued)) {
      started = null; // the job-level startedAt of an earlier attempt, not this one
    }
    boolean placed = started != null || state == JobState.STARTING || state == JobState.RUNNING;
    ContainerDetail container = job.container();
    InstanceTracker.Instance instance = placed && container != null
        ? instances.apply(container.containerInstanceArn()) : null;
    return new JobAttempt(name, job.jobId(), number, state, job.statusReason(),
        container == null ? null : container.exitCode(), created, queued, started,
        state.isTerminal() ? instant(job.stoppedAt()) : null,
        instance == null ? null : instance.id(), instance == null ? null : instance.type(),
        placed && container != null ? container.logStreamName() : null);
  }

  private static Instant instant(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }
}
