package batchlab.submit;

import batchlab.batch.AwsNames;
import batchlab.batch.BatchLimits;
import batchlab.batch.LabContract;
import batchlab.batch.ShareIdentifiers;
import batchlab.util.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to submit. The queue and job definition come from the stack's outputs unless both are given
 * (either one given overrides the stack's).
 *
 * @param jobs how many jobs (the array size with {@code array})
 * @param stack the CloudFormation stack to read the queue and definition from
 * @param jobQueue queue name or ARN; null to take the stack's
 * @param jobDefinition definition name, name:revision or ARN; null to take the stack's
 * @param seconds how long each job sleeps (the definition's {@code seconds} parameter); null for its default
 * @param parameters further job parameters
 * @param array one array job of {@code jobs} children instead of {@code jobs} jobs
 * @param namePrefix job names are {@code <prefix>-<n>}; null for {@code batchlab-<run id>}
 * @param runId null for a new id
 * @param share the share identifier of every job (a fair-share queue needs one); null for none
 * @param priority every job's schedulingPriorityOverride (0-9,999); null for the job definition's
 * @param mix jobs for several shares and/or queues ({@link JobMix}); empty for {@code jobs} jobs to jobQueue.
 *     With a mix, {@code jobs} is the sum of its counts and jobQueue the queue of entries that name none
 */
public record SubmitRequest(int jobs, String stack, String jobQueue, String jobDefinition, Integer seconds,
    Map<String, String> parameters, boolean array, String namePrefix, String runId, String share, Integer priority,
    List<JobMix.Entry> mix) {

  /**
   * Most jobs in one run: the lab's own bound, not an AWS quota. Each job is one entry of {@code jobs.json}
   * (rewritten whole on every journal flush) and is found again by name with paged ListJobs on resume, so
   * both grow with it; 100,000 keeps a run's record a few MB and a resume's lookups to minutes.
   */
  public static final int MAX_JOBS = 100_000;

  public SubmitRequest {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    mix = mix == null ? List.of() : List.copyOf(mix);
    if (!mix.isEmpty()) {
      if (array) {
        throw new BadInputException("--array cannot be combined with --mix: an array job goes to one queue and share");
      }
      if (share != null) {
        throw new BadInputException("--share-identifier cannot be combined with --mix: the mix names each entry's "
            + "share");
      }
      long total = mix.stream().mapToLong(JobMix.Entry::count).sum();
      if (total > MAX_JOBS) {
        throw new BadInputException("--mix holds " + total + " jobs: use at most " + MAX_JOBS + " in one run");
      }
      if (jobs != total) {
        throw new IllegalArgumentException("jobs " + jobs + " is not the mix's " + total);
      }
    }
    if (jobQueue != null && jobQueue.isBlank()) {
      throw new BadInputException("--job-queue '" + jobQueue + "' is empty: give a lab queue name (default, or one "
          + "of the stack's -c queues), a queue name or ARN");
    }
    if (share != null) {
      ShareIdentifiers.requireJobShare(share);
    }
    if (priority != null && (priority < 0 || priority > BatchLimits.PRIORITY_MAX)) {
      throw new BadInputException("--scheduling-priority " + priority + " is out of range: use 0 to "
          + BatchLimits.PRIORITY_MAX + " (higher runs first within a share)");
    }
    if (array && (jobs < BatchLimits.ARRAY_SIZE_MIN || jobs > BatchLimits.ARRAY_SIZE_MAX)) {
      throw new BadInputException("--jobs " + jobs + " is not a valid array size: AWS Batch allows "
          + BatchLimits.ARRAY_SIZE_MIN + " to " + BatchLimits.ARRAY_SIZE_MAX);
    }
    if (jobs < 1 || jobs > MAX_JOBS) {
      throw new BadInputException("--jobs " + jobs + " is out of range: use 1 to " + MAX_JOBS);
    }
    if (seconds != null && seconds < 1) {
      throw new BadInputException("--seconds " + seconds + " is out of range: use a whole number of seconds >= 1");
    }
    if (namePrefix != null) {
      // The longest name the run gives a job (RunRecord.jobName): <prefix>-<jobs>, or the prefix for an array.
      String longest = array ? namePrefix : namePrefix + "-" + jobs;
      if (!AwsNames.BATCH_JOB_NAME.matcher(longest).matches()) {
        throw new BadInputException("--name-prefix '" + namePrefix + "' is not valid: job names start with a letter or "
            + "digit, use only letters, digits, '-' and '_', and are at most 128 characters");
      }
    }
    if ((jobQueue == null || jobDefinition == null) && (stack == null || stack.isBlank())) {
      throw new BadInputException("no stack to read the queue and job definition from: pass --stack, or both "
          + "--job-queue and --job-definition");
    }
    for (String key : parameters.keySet()) {
      if (key.isBlank()) {
        throw new BadInputException("a job parameter needs a name: use --parameter name=value");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The parameters sent with SubmitJob: {@code parameters} plus {@code seconds}. */
  public Map<String, String> effectiveParameters() {
    Map<String, String> all = new LinkedHashMap<>(parameters);
    if (seconds != null) {
      all.put(LabContract.SECONDS_PARAMETER, String.valueOf(seconds));
    }
    return all;
  }

  /** Whether the jobs go to more than one queue, share or priority: the run then records its groups. */
  public boolean grouped() {
    return !mix.isEmpty() || share != null || priority != null;
  }

  /** Whether the stack must be read: unless both the queue and the definition are given. */
  public boolean needsStack() {
    return jobQueue == null || jobDefinition == null;
  }

  /** Builder in the SDK's style; defaults: 10 jobs, stack BatchLab. */
  public static final class Builder {
    private int jobs = 10;
    private String stack = LabContract.DEFAULT_STACK_NAME;
    private String jobQueue;
    private String jobDefinition;
    private Integer seconds;
    private Map<String, String> parameters = Map.of();
    private boolean array;
    private String namePrefix;
    private String runId;
    private String share;
    private Integer priority;
    private List<JobMix.Entry> mix = List.of();

    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder stack(String stack) {
      this.stack = stack;
      return this;
    }

    public Builder jobQueue(String jobQueue) {
      this.jobQueue = jobQueue;
      return this;
    }

    public Builder jobDefinition(String jobDefinition) {
      this.jobDefinition = jobDefinition;
      return this;
    }

    public Builder seconds(Integer seconds) {
      this.seconds = seconds;
      return this;
    }

    public Builder parameters(Map<String, String> parameters) {
      this.parameters = parameters;
      return this;
    }

    public Builder array(boolean array) {
      this.array = array;
      return this;
    }

    public Builder namePrefix(String namePrefix) {
      this.namePrefix = namePrefix;
      return this;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder share(String share) {
      this.share = share;
      return this;
    }

    public Builder priority(Integer priority) {
      this.priority = priority;
      return this;
    }

    /** The mix, and jobs as the sum of its counts. */
    public Builder mix(List<JobMix.Entry> mix) {
      this.mix = mix;
      this.jobs = (int) Math.min(Integer.MAX_VALUE, mix.stream().mapToLong(JobMix.Entry::count).sum());
      return this;
    }

    public SubmitRequest build() {
      return new SubmitRequest(jobs, stack, jobQueue, jobDefinition, seconds, parameters, array, namePrefix, runId,
          share, priority, mix);
    }
  }
}
