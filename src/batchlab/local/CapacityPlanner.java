package batchlab.local;

import batchlab.batch.InstanceType;
import batchlab.batch.Misconfiguration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which instance type a compute environment launches for a job, and why a job can never run in a
 * queue (the documented MISCONFIGURATION reasons). Pure decisions: nothing here changes state.
 */
final class CapacityPlanner {

  static final String INSUFFICIENT_INSTANCE_CAPACITY = "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY";

  /** User Guide, "Jobs stuck in a RUNNABLE status": the statusReason shown while a head job blocks, by reason. */
  static final Map<String, String> BLOCKED_MESSAGES = Arrays.stream(Misconfiguration.values())
      .collect(Collectors.toUnmodifiableMap(Misconfiguration::reason, Misconfiguration::statusReason));

  private CapacityPlanner() {}

  /**
   * User Guide, "Jobs stuck in RUNNABLE due to capacity": the statusReason while every connected
   * compute environment fails to get the instance type it asked EC2 for.
   */
  static String insufficientCapacityMessage(InstanceType wanted) {
    return INSUFFICIENT_INSTANCE_CAPACITY + " - Service cannot fulfill the capacity requested for instance type "
        + wanted.name();
  }

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
   * only has to wait: {@link Misconfiguration}'s rule over the ENABLED environments.
   */
  static String misconfiguration(JobQueue queue, Resources need) {
    List<Misconfiguration.Environment> enabled = queue.computeEnvironments.stream()
        .filter(ComputeEnvironment::enabled)
        .map(ce -> new Misconfiguration.Environment(ce.maxvCpus, ce.instanceTypes, ce.strategy, ce.spot))
        .toList();
    return Misconfiguration.of(need.vcpus(), need.memoryMiB(), enabled).map(Misconfiguration::reason).orElse(null);
  }

  /**
   * The instance type the allocation strategy launches for {@code need} when the environment
   * already runs {@code desired} vCPUs, or null when maxvCpus or the {@code pool} forbids a launch
   * (User Guide, "Allocation strategies"; API Reference, ComputeResource.maxvCpus):
   * BEST_FIT launches only the lowest-cost type that holds the job, and waits when EC2 has none of
   * it left; BEST_FIT_PROGRESSIVE and the SPOT_* strategies take the cheapest per vCPU that still
   * fits under maxvCpus and that EC2 can give, moving on to other types when it does not. Where AWS
   * allows it, one instance may overshoot maxvCpus.
   */
  static InstanceType launchableType(ComputeEnvironment ce, Resources need, int desired, CapacityPool pool) {
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
        yield (cheapest.vcpus() <= headroom || mayOvershoot) && pool.canLaunch(cheapest) ? cheapest : null;
      }
      case BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED, SPOT_PRICE_CAPACITY_OPTIMIZED -> {
        List<InstanceType> ordered = holding.stream().sorted(InstanceCost.BY_COST_PER_VCPU)
            .filter(pool::canLaunch).toList();
        InstanceType withinMax = ordered.stream().filter(t -> t.vcpus() <= headroom).findFirst().orElse(null);
        yield withinMax != null ? withinMax : mayOvershoot && !ordered.isEmpty() ? ordered.get(0) : null;
      }
    };
  }
}
