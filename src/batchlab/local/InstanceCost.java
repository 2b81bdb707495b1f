package batchlab.local;

import batchlab.batch.InstancePrices;
import batchlab.batch.InstanceType;
import java.util.Comparator;

/**
 * Relative cost of instance types, used where AWS picks "the lowest-cost" type (BEST_FIT) or the
 * "lower cost per vCPU" (BEST_FIT_PROGRESSIVE), from the On-Demand list prices in
 * {@link InstancePrices}.
 */
final class InstanceCost {

  /** Cheapest per vCPU first; among equals the smaller type (less capacity held idle). */
  static final Comparator<InstanceType> BY_COST_PER_VCPU = Comparator
      .comparingDouble(InstanceCost::hourlyPerVcpu)
      .thenComparingInt(InstanceType::vcpus)
      .thenComparing(InstanceType::name);

  /** Cheapest instance first (what BEST_FIT launches). */
  static final Comparator<InstanceType> BY_HOURLY = Comparator
      .comparingDouble(InstanceCost::hourly)
      .thenComparing(InstanceType::name);

  private InstanceCost() {}

  static double hourly(InstanceType type) {
    return hourlyPerVcpu(type) * type.vcpus();
  }

  static double hourlyPerVcpu(InstanceType type) {
    // Unknown families sort last rather than failing: the catalogue decides what is launchable.
    return InstancePrices.perVcpuHourly(type).orElse(0.5);
  }
}
