package batchlab.local;

import batchlab.batch.InstanceType;
import java.util.OptionalInt;

/**
 * What EC2 has left to give: the {@link CapacityLimits} against the instances live right now in every
 * compute environment of the account. Consulted before each launch; nothing is reserved, so an
 * instance that terminates gives its place back.
 */
final class CapacityPool {

  /** EC2 with room for everything: what the misconfiguration checks assume. */
  static final CapacityPool UNLIMITED = new CapacityPool(CapacityLimits.NONE, null);

  private final CapacityLimits limits;
  private final Registry registry;

  CapacityPool(CapacityLimits limits, Registry registry) {
    this.limits = limits;
    this.registry = registry;
  }

  /** Whether one more instance of {@code type} can be launched now. */
  boolean canLaunch(InstanceType type) {
    if (limits.isEmpty()) {
      return true;
    }
    OptionalInt max = limits.limitFor(type.name());
    return max.isEmpty() || live(type) < max.getAsInt();
  }

  private long live(InstanceType type) {
    long count = 0;
    for (ComputeEnvironment ce : registry.environments()) {
      for (Instance instance : ce.liveInstances.values()) {
        if (instance.type.equals(type)) {
          count++;
        }
      }
    }
    return count;
  }
}
