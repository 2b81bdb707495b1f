package batchlab.submit;

import batchlab.batch.BatchLimits;
import batchlab.batch.LabContract;
import batchlab.util.BadInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

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
 */
public record SubmitRequest(int jobs, String stack, String jobQueue, String jobDefinition, Integer seconds,
    Map<String, String> parameters, boolean array, String namePrefix, String runId) {

  /**
   * Most jobs in one run: the lab's own bound, not an AWS quota. Each job is one entry of {@code jobs.json}
   * (rewritten whole on every journal flush) and is found again by name with paged ListJobs on resume, so
   * both grow with it; 100,000 keeps a run's record a few MB and a resume's lookups to minutes.
   */
  public static final int MAX_JOBS = 100_000;
  private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  public SubmitRequest {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
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
      int longest = namePrefix.length() + (array ? 0 : 1 + String.valueOf(jobs).length());
      if (!JOB_NAME.matcher(namePrefix).matches() || longest > 128) {
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

    public SubmitRequest build() {
      return new SubmitRequest(jobs, stack, jobQueue, jobDefinition, seconds, parameters, array, namePrefix, runId);
    }
  }
}
