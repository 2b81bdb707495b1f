package batchlab.infra;

import batchlab.batch.AllocationStrategy;
import batchlab.batch.AwsNames;
import batchlab.batch.BatchLimits;
import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.util.BadInputException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything the stack is parameterised by, parsed and validated from CDK context in one go so that
 * a bad value fails before any construct exists (nothing half-synthesized).
 */
public record StackSettings(
    String stackName,
    String name,
    Optional<String> vpcId,
    boolean spot,
    int minVcpus,
    int maxVcpus,
    OptionalInt desiredVcpus,
    List<String> instanceTypes,
    AllocationStrategy allocationStrategy,
    int jobVcpus,
    int jobMemoryMiB,
    int jobTimeoutSeconds,
    int runnableTimeoutSeconds,
    int logRetentionDays,
    boolean terminateJobsOnUpdate,
    int updateTimeoutMinutes,
    List<ExtraQueue> extraQueues,
    Optional<FairShareSettings> fairShare,
    OptionalInt schedulingPriority) {

  /** A bound well above any lab use that still catches a slipped digit. */
  static final int MAX_VCPUS_LIMIT = 10_000;
  /** A sanity bound of 14 days on the attempt timeout (its minimum is Batch's, in BatchLimits). */
  static final int JOB_TIMEOUT_MAX = 14 * 86_400;
  /**
   * The job definition's schedulingPriority with fairShare=true when -c schedulingPriority is not given:
   * the lowest (0 to 9,999, higher first), so a job submitted with --scheduling-priority N >= 0 never
   * ranks below the plain ones.
   */
  public static final int FAIR_SHARE_SCHEDULING_PRIORITY_DEFAULT = 0;

  /** The job definition is named {@code <name>-job}. */
  private static final String JOB_DEFINITION_SUFFIX = "-job";
  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9-]+)?");

  public StackSettings {
    instanceTypes = List.copyOf(instanceTypes);
    extraQueues = List.copyOf(extraQueues);
  }

  /** The settings for an empty context: the article's set-up. */
  public static StackSettings defaults() {
    return fromContext(Map.of());
  }

  /**
   * Parses and validates the context; keys it does not know are ignored unless they look like a typo
   * of a known key.
   *
   * @throws BadInputException on the first bad value
   */
  public static StackSettings fromContext(Map<String, ?> context) {
    ContextValues values = new ContextValues(context);
    values.rejectTypos();
    boolean spot = values.bool(ContextKey.SPOT);
    StackSettings settings = new StackSettings(
        values.string(ContextKey.STACK_NAME, AwsNames.STACK_NAME, AwsNames.STACK_NAME_RULE),
        name(values),
        values.optionalString(ContextKey.VPC_ID, LabNetwork.VPC_ID, "vpc- and 8 or 17 hex digits"),
        spot,
        values.integer(ContextKey.MIN_VCPUS, 0, MAX_VCPUS_LIMIT),
        values.integer(ContextKey.MAX_VCPUS, 1, MAX_VCPUS_LIMIT),
        values.optionalInteger(ContextKey.DESIRED_VCPUS, 0, MAX_VCPUS_LIMIT),
        instanceTypes(values),
        allocationStrategy(values, spot),
        values.integer(ContextKey.JOB_VCPUS, 1, 256),
        values.integer(ContextKey.JOB_MEMORY_MIB, 4, 4 * 1024 * 1024),
        values.integer(ContextKey.JOB_TIMEOUT_SECONDS, BatchLimits.ATTEMPT_TIMEOUT_MIN_SECONDS, JOB_TIMEOUT_MAX),
        values.integer(ContextKey.RUNNABLE_TIMEOUT_SECONDS, BatchLimits.RUNNABLE_TIME_LIMIT_MIN_SECONDS,
            BatchLimits.RUNNABLE_TIME_LIMIT_MAX_SECONDS),
        logRetentionDays(values),
        values.bool(ContextKey.TERMINATE_JOBS_ON_UPDATE),
        values.integer(ContextKey.UPDATE_TIMEOUT_MINUTES, BatchLimits.UPDATE_TIMEOUT_MIN_MINUTES,
            BatchLimits.UPDATE_TIMEOUT_MAX_MINUTES),
        ExtraQueue.fromContext(values),
        FairShareSettings.fromContext(values),
        schedulingPriority(values));
    settings.checkCapacity();
    return settings;
  }

  /** Job definition name: revisions make a fixed name safe, unlike the queue or environment. */
  public String jobDefinitionName() {
    return name + JOB_DEFINITION_SUFFIX;
  }

  /** The {@code name} key: non-empty, and {@code <name>-job} a Batch resource name (AwsNames). */
  private static String name(ContextValues values) {
    String name = values.string(ContextKey.NAME, Pattern.compile(".+"), "");
    if (!AwsNames.BATCH_RESOURCE_NAME.matcher(name + JOB_DEFINITION_SUFFIX).matches()) {
      throw ContextValues.bad(ContextKey.NAME, name, "up to " + (128 - JOB_DEFINITION_SUFFIX.length())
          + " letters, digits, '-' or '_', so that name" + JOB_DEFINITION_SUFFIX + " is a job definition name");
    }
    return name;
  }

  private static List<String> instanceTypes(ContextValues values) {
    List<String> names = values.list(ContextKey.INSTANCE_TYPES, INSTANCE_TYPE,
        "instance types such as m7i.large, families such as m7i, or default_x86_64, default_arm64, optimal, "
            + "comma-separated");
    for (String name : names) {
      // An unknown type is fine (its size is unknown); an unknown bare family is most likely a typo.
      if (!name.contains(".") && !InstanceTypeCatalog.isFamily(name) && !InstanceTypeCatalog.isBundle(name)) {
        throw new BadInputException("instanceTypes=" + String.join(",", names) + ": family '" + name
            + "' is unknown (allowed: a type such as " + name + ".large, a family such as m7i, c7i, r7i, "
            + "or default_x86_64, default_arm64, optimal)");
      }
    }
    return names;
  }

  /** The instance types the catalogue does not know: allowed, but the fit check is skipped. */
  public List<String> unknownInstanceTypes() {
    return InstanceTypeCatalog.unknown(instanceTypes);
  }

  private static AllocationStrategy allocationStrategy(ContextValues values, boolean spot) {
    String raw = values.string(ContextKey.ALLOCATION_STRATEGY, Pattern.compile(".*"), "");
    AllocationStrategy strategy = AllocationStrategy.parse(raw)
        .orElseThrow(() -> ContextValues.bad(ContextKey.ALLOCATION_STRATEGY, raw, AllocationStrategy.allowedValues()));
    if (!strategy.allowedFor(spot)) {
      throw new BadInputException("allocationStrategy=" + raw + " is not allowed with spot=" + spot
          + " (allowed: " + allowedStrategies(spot) + ")");
    }
    return strategy;
  }

  private static String allowedStrategies(boolean spot) {
    return Arrays.stream(AllocationStrategy.values())
        .filter(s -> s.allowedFor(spot))
        .map(Enum::name)
        .collect(Collectors.joining(", "));
  }

  /**
   * Batch uses a job definition's schedulingPriority only in fair-share queues; without fairShare=true
   * every queue of this stack is FIFO, so the value would do nothing and is refused instead. With
   * fairShare=true the job definition always gets one ({@link #FAIR_SHARE_SCHEDULING_PRIORITY_DEFAULT}
   * unless given): SubmitJob to a fair-share queue fails without a priority from the definition or the
   * call, so a stack without it would refuse every plain submit.
   */
  private static OptionalInt schedulingPriority(ContextValues values) {
    OptionalInt priority = values.optionalInteger(ContextKey.SCHEDULING_PRIORITY, 0, BatchLimits.PRIORITY_MAX);
    if (!values.bool(ContextKey.FAIR_SHARE)) {
      if (priority.isPresent()) {
        throw new BadInputException(ContextKey.SCHEDULING_PRIORITY.key() + "=" + priority.getAsInt()
            + " needs fairShare=true: Batch orders jobs by schedulingPriority only in a fair-share queue, and "
            + "without it every queue is FIFO (allowed: add -c fairShare=true, or leave schedulingPriority out)");
      }
      return priority;
    }
    return priority.isPresent() ? priority : OptionalInt.of(FAIR_SHARE_SCHEDULING_PRIORITY_DEFAULT);
  }

  private static int logRetentionDays(ContextValues values) {
    int days = values.integer(ContextKey.LOG_RETENTION_DAYS, 1, LogRetention.maxDays());
    if (!LogRetention.isAllowed(days)) {
      throw ContextValues.bad(ContextKey.LOG_RETENTION_DAYS, days, LogRetention.allowedText());
    }
    return days;
  }

  /** Cross-key rules: the vCPU range, and that a job can ever be placed (else it is RUNNABLE forever). */
  private void checkCapacity() {
    if (maxVcpus < minVcpus) {
      throw new BadInputException("maxVcpus=" + maxVcpus + " is below minVcpus=" + minVcpus
          + " (allowed: maxVcpus >= minVcpus)");
    }
    desiredVcpus.ifPresent(desired -> {
      if (desired < minVcpus || desired > maxVcpus) {
        throw new BadInputException("desiredVcpus=" + desired + " is outside [minVcpus, maxVcpus] = ["
            + minVcpus + ", " + maxVcpus + "]");
      }
    });
    if (jobVcpus > maxVcpus) {
      throw new BadInputException("jobVcpus=" + jobVcpus + " exceeds maxVcpus=" + maxVcpus
          + ": the job could never be placed and would stay RUNNABLE (allowed: jobVcpus <= maxVcpus)");
    }
    if (!unknownInstanceTypes().isEmpty()) {
      return;
    }
    List<InstanceType> allowed = InstanceTypeCatalog.resolve(instanceTypes);
    if (allowed.stream().noneMatch(t -> t.canHold(jobVcpus, jobMemoryMiB))) {
      InstanceType largest = allowed.stream()
          .max(Comparator.comparingInt(InstanceType::usableMemoryMiB).thenComparingInt(InstanceType::vcpus))
          .orElseThrow();
      throw new BadInputException("a job of jobVcpus=" + jobVcpus + " and jobMemoryMiB=" + jobMemoryMiB
          + " fits none of instanceTypes=" + String.join(",", instanceTypes) + " and would stay RUNNABLE"
          + " (largest: " + largest.name() + " with " + largest.vcpus() + " vCPU and "
          + largest.usableMemoryMiB() + " MiB usable after the ECS/OS overhead)");
    }
  }
}
