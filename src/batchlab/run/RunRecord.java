package batchlab.run;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param groups the run's jobs by queue, share and priority (see {@link JobGroup}), counts adding up to
 *     jobCount; empty for a run to one queue without shares or priorities (and for runs recorded before
 *     groups existed), whose jobs all go to jobQueue
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
    List<SubmittedJob> jobs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JobGroup> groups) {

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
    groups = groups == null ? List.of() : List.copyOf(groups);
    if (!groups.isEmpty() && groups.stream().mapToInt(JobGroup::count).sum() != (array ? 1 : jobCount)) {
      throw new IllegalArgumentException("the groups of run " + runId + " hold "
          + groups.stream().mapToInt(JobGroup::count).sum() + " submissions, not " + (array ? 1 : jobCount));
    }
  }

  /** A run to one queue, without shares or priorities. */
  public RunRecord(String runId, Instant createdAt, String endpoint, String region, String stack, String jobQueue,
      String jobDefinition, String logGroup, String namePrefix, int jobCount, boolean array,
      Map<String, String> parameters, JobShape job, List<SubmittedJob> jobs) {
    this(runId, createdAt, endpoint, region, stack, jobQueue, jobDefinition, logGroup, namePrefix, jobCount, array,
        parameters, job, jobs, List.of());
  }

  /** Whether the run names shares, priorities or several queues (its summary then splits by them). */
  public boolean grouped() {
    return !groups.isEmpty();
  }

  /** The group job {@code index} (1-based) belongs to; a run without groups is one group on jobQueue. */
  public JobGroup group(int index) {
    if (groups.isEmpty()) {
      return new JobGroup(jobQueue, queueName(jobQueue), null, null, expectedSubmissions());
    }
    int end = 0;
    for (JobGroup group : groups) {
      end += group.count();
      if (index <= end) {
        return group;
      }
    }
    throw new IllegalArgumentException("run " + runId + " has no job " + index);
  }

  /**
   * The group of the job named {@code jobName} ({@code <prefix>-<n>}, or an array child
   * {@code <prefix>:<i>}); empty for a name that is not the run's.
   */
  public java.util.Optional<JobGroup> groupOf(String jobName) {
    if (array) {
      return jobName.startsWith(namePrefix) ? java.util.Optional.of(group(1)) : java.util.Optional.empty();
    }
    String start = namePrefix + "-";
    if (!jobName.startsWith(start)) {
      return java.util.Optional.empty();
    }
    try {
      int index = Integer.parseInt(jobName.substring(start.length()));
      return index >= 1 && index <= jobCount ? java.util.Optional.of(group(index)) : java.util.Optional.empty();
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** Every queue the run submits to (ARNs), in the order of its groups. */
  public List<String> queues() {
    return groups.isEmpty() ? List.of(jobQueue)
        : groups.stream().map(JobGroup::jobQueue).distinct().toList();
  }

  /** A queue's own name: the part of its ARN after {@code job-queue/}, or what was given. */
  public static String queueName(String queue) {
    int slash = queue.indexOf("job-queue/");
    return slash < 0 ? queue : queue.substring(slash + "job-queue/".length());
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
        jobCount, array, parameters, job, confirmed, groups);
  }
}
