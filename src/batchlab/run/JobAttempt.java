package batchlab.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of one job, as the timeline shows it (one row of {@code timeline.csv}, one bar of a
 * job lane in a chart). All times are on the server's clock (AWS, or the emulator's virtual clock).
 *
 * @param jobName the job's name ({@code <prefix>-<n>}, or {@code <prefix>:<index>} for array children)
 * @param jobId the job id ({@code <parentId>:<index>} for array children)
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param status SUCCEEDED/FAILED for finished attempts; the job's current state for the live one
 * @param statusReason why the attempt (or job) ended as it did; null when AWS gives none
 * @param exitCode the container's exit code; null when it never ran or is still running
 * @param createdAt when the job was submitted
 * @param queuedAt when this attempt began waiting for capacity: createdAt for the first attempt, the
 *     previous attempt's stoppedAt for a retry
 * @param startedAt when the attempt went RUNNING; null if it never did (yet)
 * @param stoppedAt when the attempt ended; null if it has not
 * @param instance the EC2 instance id when known, else the ECS container instance id; null if never placed
 * @param instanceType the EC2 instance type when known, else null
 * @param logStream the CloudWatch Logs stream name of the attempt's container, null if none
 */
public record JobAttempt(
    String jobName,
    String jobId,
    int attempt,
    JobState status,
    String statusReason,
    Integer exitCode,
    Instant createdAt,
    Instant queuedAt,
    Instant startedAt,
    Instant stoppedAt,
    String instance,
    String instanceType,
    String logStream) {

  public JobAttempt {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(queuedAt, "queuedAt");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1, got " + attempt + " for " + jobName);
    }
  }

  /** Time spent waiting before running (RUNNABLE wait, plus the short SUBMITTED/STARTING steps). */
  public Optional<Duration> queueWait() {
    return startedAt == null ? Optional.empty() : Optional.of(Duration.between(queuedAt, startedAt));
  }

  /** Whether the attempt was running at {@code time} (start inclusive, stop exclusive). */
  public boolean runningAt(Instant time) {
    return startedAt != null && !time.isBefore(startedAt) && (stoppedAt == null || time.isBefore(stoppedAt));
  }
}
