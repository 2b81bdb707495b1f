package batchlab.infra;

import batchlab.batch.BatchLimits;
import batchlab.batch.LabContract;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CDK context keys this app reads ({@code -c key=value} or cdk.json), with their defaults (the
 * article's set-up), parsed like user input. Any other key that is a near miss of one of these is
 * rejected as a typo instead of being ignored.
 */
public enum ContextKey {
  /** CloudFormation stack name. */
  STACK_NAME("stackName", LabContract.DEFAULT_STACK_NAME),
  /** The job definition is named {@code <name>-job}. */
  NAME("name", "batch-lab"),
  /** An existing VPC instead of a new one (looked up: needs account and region). */
  VPC_ID("vpcId", null),
  /** Spot instances (true) or on-demand (false). */
  SPOT("spot", "true"),
  MIN_VCPUS("minVcpus", "0"),
  MAX_VCPUS("maxVcpus", "4"),
  /** Unset unless given: a pinned value makes later updates fail once Batch has scaled. */
  DESIRED_VCPUS("desiredVcpus", null),
  /** Comma-separated instance types (m7i.large) or families (m7i). */
  INSTANCE_TYPES("instanceTypes", "m7i.large"),
  ALLOCATION_STRATEGY("allocationStrategy", "BEST_FIT_PROGRESSIVE"),
  JOB_VCPUS("jobVcpus", "2"),
  JOB_MEMORY_MIB("jobMemoryMiB", "1024"),
  /** Attempt timeout of a job. */
  JOB_TIMEOUT_SECONDS("jobTimeoutSeconds", "3600"),
  /** How long a job may stay RUNNABLE for a misconfiguration before the queue cancels it. */
  RUNNABLE_TIMEOUT_SECONDS("runnableTimeoutSeconds", "600"),
  LOG_RETENTION_DAYS("logRetentionDays", "7"),
  /** UpdatePolicy: whether an infrastructure update terminates running jobs at once (AWS's default: false). */
  TERMINATE_JOBS_ON_UPDATE("terminateJobsOnUpdate", "false"),
  /** UpdatePolicy: minutes an infrastructure update lets running jobs finish before replacing their instances. */
  UPDATE_TIMEOUT_MINUTES("updateTimeoutMinutes", String.valueOf(BatchLimits.UPDATE_TIMEOUT_DEFAULT_MINUTES)),
  /** Extra job queues on the same compute environment, {@code NAME:PRIORITY[,NAME:PRIORITY...]}. */
  QUEUES("queues", null),
  /** One fair-share scheduling policy on every queue of the stack (false: FIFO queues, the article's). */
  FAIR_SHARE("fairShare", "false"),
  /** The policy's share weights, {@code ID:WEIGHT[,ID:WEIGHT...]}; unlisted shares weigh 1. */
  SHARES("shares", null),
  /** The policy's shareDecaySeconds: how far back usage counts (0: only current usage). */
  SHARE_DECAY_SECONDS("shareDecaySeconds", null),
  /** The policy's computeReservation: the percentage base of what is held back for inactive shares. */
  COMPUTE_RESERVATION("computeReservation", null),
  /** The job definition's schedulingPriority: orders jobs within a share of a fair-share queue. */
  SCHEDULING_PRIORITY("schedulingPriority", null);

  /** A key further than this from every known key is someone else's (CDK flags, lookups, ...). */
  private static final int MAX_TYPO_DISTANCE = 2;

  private final String key;
  private final String defaultValue;

  ContextKey(String key, String defaultValue) {
    this.key = key;
    this.defaultValue = defaultValue;
  }

  public String key() {
    return key;
  }

  /** The value used when the key is not given, spelled as on the command line; empty if optional. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The known key {@code candidate} probably meant, if it is not itself a known key. */
  public static Optional<ContextKey> typoOf(String candidate) {
    if (Arrays.stream(values()).anyMatch(k -> k.key.equals(candidate)) || !isPlainIdentifier(candidate)) {
      return Optional.empty();
    }
    String lower = candidate.toLowerCase();
    return Arrays.stream(values())
        .filter(k -> EditDistance.between(lower, k.key.toLowerCase()) <= allowedDistance(k.key))
        .min(Comparator.comparingInt(k -> EditDistance.between(lower, k.key.toLowerCase())));
  }

  /** Every known key, for error messages. */
  public static String allKeys() {
    return Arrays.stream(values()).map(ContextKey::key).collect(Collectors.joining(", "));
  }

  // CDK's own keys contain ':', '/', '@' or '-' (feature flags, lookups, aws:cdk:*): never ours.
  private static boolean isPlainIdentifier(String candidate) {
    return candidate.matches("[A-Za-z][A-Za-z0-9_]*");
  }

  // Short keys get a tighter bound so that e.g. "spit" is caught but unrelated short words are not.
  private static int allowedDistance(String key) {
    return key.length() <= 5 ? 1 : MAX_TYPO_DISTANCE;
  }
}
