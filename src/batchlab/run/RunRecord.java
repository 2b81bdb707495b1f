package batchlab.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A run: what was submitted where, and every job the server confirmed (what {@code
 * runs/<run-id>/jobs.json} holds). Enough to watch the run later and to resume it.
 *
 * @param runId unique per run, sortable by time ({@code yyyyMMdd-HHmmss-xxxx})
 * @param createdAt when the run began (client clock)
 * @param endpoint the Batch endpoint override, null for AWS's own endpoint
 * @param region the AWS region
 * @param stack the CloudFormation stack the queue and definition came from; null if given explicitly
 * @param jobQueue queue ARN (or name as given)
 * @param jobDefinition job definition ARN (or name as given)
 * @param logGroup the jobs' CloudWatch Logs group when the stack says; null otherwise
 * @param namePrefix job names are {@code <namePrefix>-<n>}, n from 1; an array job is named namePrefix
 * @param jobCount jobs in the run (the array size for an array run)
 * @param array whether the run is one array job of jobCount children
 * @param parameters job parameters sent with every SubmitJob (e.g. seconds)
 * @param job the shape of one job, for the prediction
 * @param jobs the confirmed jobs, by index
 */
public record RunRecord(
    String runId,
    Instant createdAt,
    String endpoint,
    String region,
    String stack,
    String jobQueue,
    String jobDefinition,
    String logGroup,
    String namePrefix,
    int jobCount,
    boolean array,
    Map<String, String> parameters,
    JobShape job,
    List<SubmittedJob> jobs) {

  /**
   * How far the client's clock (the run's createdAt) may be ahead of the server's (a job's createdAt).
   * AWS denies a signed request that reaches it more than five minutes from its time stamp (IAM User
   * Guide, "AWS Signature Version 4 for API requests"), so a client that could submit is no further off.
   */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(jobQueue, "jobQueue");
    Objects.requireNonNull(jobDefinition, "jobDefinition");
    Objects.requireNonNull(namePrefix, "namePrefix");
    parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    List<SubmittedJob> sorted = new ArrayList<>(jobs == null ? List.of() : jobs);
    sorted.sort(Comparator.comparingInt(SubmittedJob::index));
    jobs = List.copyOf(sorted);
  }

  /** The name of job {@code index} (1-based); for an array run, the array job's name. */
  public String jobName(int index) {
    return array ? namePrefix : namePrefix + "-" + index;
  }

  /** How many SubmitJob calls the complete run takes: 1 for an array, else one per job. */
  public int expectedSubmissions() {
    return array ? 1 : jobCount;
  }

  /**
   * Whether a job the server describes under {@code job}'s id is that job: the same name, and created
   * on the server no earlier than the run began (less {@link #CLOCK_SKEW}). An id alone is not enough:
   * a restarted emulator, or another endpoint, may hand the same id to another job.
   *
   * @param serverCreatedAt the job's createdAt on the server; null when the server does not say
   */
  public boolean owns(SubmittedJob job, String serverName, Instant serverCreatedAt) {
    return job.name().equals(serverName) && createdSince(serverCreatedAt);
  }

  /** Whether a job created at {@code serverCreatedAt} (null: unknown) may belong to this run by its age. */
  public boolean createdSince(Instant serverCreatedAt) {
    return serverCreatedAt == null || !serverCreatedAt.isBefore(createdAt.minus(CLOCK_SKEW));
  }

  /** Whether every job of the run has been confirmed. */
  public boolean complete() {
    return jobs.size() == expectedSubmissions();
  }

  /** The same run with exactly these confirmed jobs. */
  public RunRecord withJobs(List<SubmittedJob> confirmed) {
    return new RunRecord(runId, createdAt, endpoint, region, stack, jobQueue, jobDefinition, logGroup, namePrefix,
        jobCount, array, parameters, job, confirmed);
  }
}
