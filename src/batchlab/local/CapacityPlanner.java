package batchlab.local;

import batchlab.batch.InstanceType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which instance type a compute environment launches for a job, and why a job can never run in a
 * queue (the documented MISCONFIGURATION reasons). Pure decisions: nothing here changes state.
 */
final class CapacityPlanner {

  static final String JOB_RESOURCE_REQUIREMENT = "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT";
  static final String COMPUTE_ENVIRONMENT_MAX_RESOURCE = "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE";

  /** User Guide, "Jobs stuck in a RUNNABLE status": the statusReason shown while a head job blocks. */
  static final Map<String, String> BLOCKED_MESSAGES = Map.of(
      JOB_RESOURCE_REQUIREMENT,
      "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is higher "
          + "than that can be met by the CE(s) attached to the job queue.",
      COMPUTE_ENVIRONMENT_MAX_RESOURCE,
      "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot meet "
          + "the CPU requirement of the job.");

  private CapacityPlanner() {}

  /** The first non-null answer of the queue's ENABLED environments, in computeEnvironmentOrder. */
  static Instance firstFromEnabled(JobQueue queue, Function<ComputeEnvironment, Instance> ask) {
    for (ComputeEnvironment ce : queue.computeEnvironments) {
      if (ce.enabled()) {
        Instance instance = ask.apply(ce);
        if (instance != null) {
          return instance;
        }
      }
    }
    return null;
  }

  /**
   * Why a job can never run in this queue, as a jobStateTimeLimitActions reason, or null when it
   * only has to wait. Only ENABLED environments count; with none enabled the job just waits.
   */
  static String misconfiguration(JobQueue queue, Resources need) {
    List<ComputeEnvironment> enabled = queue.computeEnvironments.stream().filter(ComputeEnvironment::enabled).toList();
    if (enabled.isEmpty()) {
      return null;
    }
    List<ComputeEnvironment> holding = enabled.stream().filter(ce -> ce.someTypeHolds(need)).toList();
    if (holding.isEmpty()) {
      return JOB_RESOURCE_REQUIREMENT;
    }
    boolean someCanGrow = holding.stream().anyMatch(ce -> ce.maxvCpus >= need.vcpus() && launchableType(ce, need, 0) != null);
    return someCanGrow ? null : COMPUTE_ENVIRONMENT_MAX_RESOURCE;
  }

  /**
   * The instance type the allocation strategy launches for {@code need} when the environment
   * already runs {@code desired} vCPUs, or null when maxvCpus forbids a launch (User Guide,
   * "Allocation strategies"; API Reference, ComputeResource.maxvCpus):
   * BEST_FIT launches only the lowest-cost type that holds the job; BEST_FIT_PROGRESSIVE and the
   * SPOT_* strategies take the cheapest per vCPU that still fits under maxvCpus, moving on to
   * other types when it does not. Where AWS allows it, one instance may overshoot maxvCpus.
   */
  static InstanceType launchableType(ComputeEnvironment ce, Resources need, int desired) {
    int headroom = ce.maxvCpus - desired;
    boolean mayOvershoot = ce.strategy.mayExceedMaxVcpus(ce.spot) && headroom > 0;
    List<InstanceType> holding = ce.instanceTypes.stream()
        .filter(t -> t.canHold(need.vcpus(), need.memoryMiB()))
        .toList();
    if (holding.isEmpty()) {
      return null;
    }
    return switch (ce.strategy) {
      case BEST_FIT -> {
        InstanceType cheapest = holding.stream().min(InstanceCost.BY_HOURLY).orElseThrow();
        yield cheapest.vcpus() <= headroom || mayOvershoot ? cheapest : null;
      }
      case BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED, SPOT_PRICE_CAPACITY_OPTIMIZED -> {
        List<InstanceType> ordered = holding.stream().sorted(InstanceCost.BY_COST_PER_VCPU).toList();
        InstanceType withinMax = ordered.stream().filter(t -> t.vcpus() <= headroom).findFirst().orElse(null);
        yield withinMax != null ? withinMax : mayOvershoot ? ordered.get(0) : null;
      }
    };
  }
}
