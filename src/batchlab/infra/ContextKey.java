package batchlab.infra;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CDK context keys this app reads ({@code -c key=value} or cdk.json), with their defaults. Any
 * other key that is a near miss of one of these is rejected as a typo instead of being ignored.
 */
public enum ContextKey {
  STACK_NAME("stackName", "BatchLab", "CloudFormation stack name"),
  NAME("name", "batch-lab", "prefix of the job definition name (<name>-job) and the log group"),
  VPC_ID("vpcId", "(new VPC)", "existing VPC to use instead of a new one (needs account/region)"),
  SPOT("spot", "true", "spot instances (true) or on-demand (false)"),
  MIN_VCPUS("minVcpus", "0", "compute environment minvCpus"),
  MAX_VCPUS("maxVcpus", "4", "compute environment maxvCpus"),
  DESIRED_VCPUS("desiredVcpus", "(not set)", "compute environment desiredvCpus; leave unset"),
  INSTANCE_TYPES("instanceTypes", "m7i.large", "comma-separated instance types or families"),
  ALLOCATION_STRATEGY("allocationStrategy", "BEST_FIT_PROGRESSIVE", "compute environment allocation strategy"),
  JOB_VCPUS("jobVcpus", "2", "vCPUs per job"),
  JOB_MEMORY_MIB("jobMemoryMiB", "1024", "memory per job in MiB"),
  JOB_TIMEOUT_SECONDS("jobTimeoutSeconds", "3600", "attempt timeout of a job"),
  RUNNABLE_TIMEOUT_SECONDS(
      "runnableTimeoutSeconds", "600", "cancel a job stuck RUNNABLE for a misconfiguration after this"),
  LOG_RETENTION_DAYS("logRetentionDays", "7", "CloudWatch Logs retention of the job log group");

  /** A key further than this from every known key is someone else's (CDK flags, lookups, ...). */
  private static final int MAX_TYPO_DISTANCE = 2;

  private final String key;
  private final String defaultValue;
  private final String meaning;

  ContextKey(String key, String defaultValue, String meaning) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  public String key() {
    return key;
  }

  /** The default as the README shows it. */
  public String defaultValue() {
    return defaultValue;
  }

  public String meaning() {
    return meaning;
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
