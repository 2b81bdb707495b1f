package batchlab.batch;

/**
 * AWS Batch quotas and API limits (User Guide: "AWS Batch service quotas"; API Reference), written once
 * for the stack's checks, the emulator and the client.
 */
public final class BatchLimits {

  /** SubmitJob transactions per second, per account and Region (fixed). */
  public static final int SUBMIT_JOB_TPS = 50;
  /** Array job size: 2 to 10,000 children. */
  public static final int ARRAY_SIZE_MIN = 2;
  public static final int ARRAY_SIZE_MAX = 10_000;
  /** Dependencies per job. */
  public static final int DEPENDENCIES_PER_JOB = 20;
  /** Job ids per DescribeJobs call. */
  public static final int DESCRIBE_JOBS_IDS = 100;
  /** Names or ARNs per DescribeComputeEnvironments / DescribeJobQueues / DescribeJobDefinitions call. */
  public static final int DESCRIBE_NAMES_MAX = 100;
  /** maxResults of a List* call. */
  public static final int LIST_RESULTS_MAX = 100;
  /** Compute environments per job queue. */
  public static final int ENVIRONMENTS_PER_QUEUE = 3;
  /** SubmitJob payload and job definition sizes. */
  public static final int SUBMIT_JOB_PAYLOAD_BYTES = 30 * 1024;
  public static final int JOB_DEFINITION_BYTES = 24 * 1024;
  /** Scheduling priority of jobs (job definition schedulingPriority, SubmitJob schedulingPriorityOverride): 0 to 9,999. */
  public static final int PRIORITY_MAX = 9_999;
  /**
   * A job queue's priority: 0 to 1,000 (CloudFormation resource schema of AWS::Batch::JobQueue, Priority;
   * CDK's template validation refuses more with rule F3034; the API Reference gives no range).
   */
  public static final int JOB_QUEUE_PRIORITY_MAX = 1_000;
  /** Tags per resource. */
  public static final int TAGS_PER_RESOURCE = 50;
  /** A job's attempt timeout: at least 60 seconds (JobTimeout attemptDurationSeconds). */
  public static final int ATTEMPT_TIMEOUT_MIN_SECONDS = 60;
  /**
   * A stopped container (a timed-out attempt, User Guide "Job timeouts"; a terminated job, ECS StopTask) gets
   * SIGTERM, and SIGKILL this long after if it is still running.
   */
  public static final int TIMEOUT_SIGKILL_AFTER_SECONDS = 30;
  /** A job queue's time limit for a job stuck RUNNABLE: 600 to 86,400 seconds (jobStateTimeLimitActions maxTimeSeconds). */
  public static final int RUNNABLE_TIME_LIMIT_MIN_SECONDS = 600;
  public static final int RUNNABLE_TIME_LIMIT_MAX_SECONDS = 86_400;
  /**
   * How long an infrastructure update lets running jobs finish before it replaces their instances:
   * 1 to 360 minutes, 30 by default (API Reference: UpdatePolicy jobExecutionTimeoutMinutes).
   */
  public static final int UPDATE_TIMEOUT_MIN_MINUTES = 1;
  public static final int UPDATE_TIMEOUT_MAX_MINUTES = 360;
  public static final int UPDATE_TIMEOUT_DEFAULT_MINUTES = 30;

  /** A compute environment's scalingPolicy.minScaleDownDelayMinutes: 20 to 10,080 minutes, or 0 to unset it. */
  public static final int SCALE_DOWN_DELAY_MIN_MINUTES = 20;
  public static final int SCALE_DOWN_DELAY_MAX_MINUTES = 10_080;

  /**
   * Fair-share policies (API Reference: FairsharePolicy, ShareAttributes): weight factors 0.0001 to
   * 999.9999 (1.0 when a share is not listed), share identifiers of at most 255 characters, at most 500
   * share identifiers active in a queue, shareDecaySeconds 0 to 604,800 and computeReservation 0 to 99.
   */
  public static final double SHARE_WEIGHT_MIN = 0.0001;
  public static final double SHARE_WEIGHT_MAX = 999.9999;
  public static final double SHARE_WEIGHT_DEFAULT = 1.0;
  public static final int SHARE_IDENTIFIER_MAX_LENGTH = 255;
  public static final int SHARES_ACTIVE_PER_QUEUE_MAX = 500;
  public static final int SHARE_DECAY_SECONDS_MAX = 604_800;
  public static final int COMPUTE_RESERVATION_MAX = 99;

  private BatchLimits() {}
}
