package batchlab.batch;

/**
 * What the lab's parts agree on without importing each other: the stack the CDK app deploys by default,
 * the stack outputs the client reads, and the job image's interface (its {@code seconds} parameter). The
 * stack declares them, the client fills them in, and the lab's workload model reads them; the emulator
 * itself knows none of them.
 */
public final class LabContract {

  /** The CloudFormation stack name `cdk deploy` uses when no {@code -c stackName} is given. */
  public static final String DEFAULT_STACK_NAME = "BatchLab";

  /** The job definition parameter the job script reads as its sleep time, in seconds. */
  public static final String SECONDS_PARAMETER = "seconds";

  /** How long a job sleeps when nothing sets {@link #SECONDS_PARAMETER} (the article's 60 s). */
  public static final int DEFAULT_JOB_SECONDS = 60;

  /** The job script's exit status on SIGTERM (sleep_example.py's SIGTERM_EXIT: 128 + 15), e.g. at a timeout. */
  public static final int JOB_SIGTERM_EXIT_CODE = 143;

  /** The longest sleep the job script accepts (sleep_example.py: SECONDS from 0 to 86400). */
  public static final int MAX_JOB_SECONDS = 86_400;

  /** The job script's exit status for a bad argument (sleep_example.py's fail(): argparse's 2). */
  public static final int JOB_BAD_ARGUMENT_EXIT_CODE = 2;

  /**
   * The job definition's retry strategy: at most this many attempts, and only an attempt whose host
   * was reclaimed ({@link #RETRY_ON_STATUS_REASON}) is retried; any other failure is final.
   */
  public static final int RETRY_ATTEMPTS = 3;

  /** The status reason a reclaimed spot host gives its attempt (AWS: "Host EC2 (instance i-...) terminated."). */
  public static final String RETRY_ON_STATUS_REASON = "Host EC2*";

  /** The stack's outputs (declared by the stack, read by the client and the emulator's banner). */
  public static final String OUTPUT_JOB_QUEUE_NAME = "JobQueueName";
  public static final String OUTPUT_JOB_QUEUE_ARN = "JobQueueArn";
  public static final String OUTPUT_JOB_DEFINITION_NAME = "JobDefinitionName";
  public static final String OUTPUT_JOB_DEFINITION_ARN = "JobDefinitionArn";
  public static final String OUTPUT_LOG_GROUP_NAME = "LogGroupName";
  public static final String OUTPUT_COMPUTE_ENVIRONMENT_NAME = "ComputeEnvironmentName";
  public static final String OUTPUT_COMPUTE_ENVIRONMENT_ARN = "ComputeEnvironmentArn";
  public static final String OUTPUT_REGION = "Region";

  /**
   * The lab's extra job queues ({@code -c queues=NAME:PRIORITY}): 1-40 letters and digits starting with a
   * letter, so that a queue's name can be part of its outputs' logical ids.
   */
  public static final java.util.regex.Pattern EXTRA_QUEUE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");

  /**
   * The output holding the physical name of the lab queue {@code queue}; the default queue is the one
   * with the empty name, so its output stays {@link #OUTPUT_JOB_QUEUE_NAME}.
   */
  public static String jobQueueNameOutput(String queue) {
    return "JobQueue" + queue + "Name";
  }

  /** The output holding the ARN of the lab queue {@code queue} ("" is the default queue). */
  public static String jobQueueArnOutput(String queue) {
    return "JobQueue" + queue + "Arn";
  }

  private LabContract() {}
}
