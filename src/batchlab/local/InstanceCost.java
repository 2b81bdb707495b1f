package batchlab.local;

import batchlab.batch.InstanceType;
import java.util.Comparator;
import java.util.Map;

/**
 * Relative cost of instance types, used where AWS picks "the lowest-cost" type (BEST_FIT) or the
 * "lower cost per vCPU" (BEST_FIT_PROGRESSIVE). Prices are the us-east-1 Linux on-demand list
 * prices of the large size in USD per hour; EC2 prices scale linearly with size within a family.
 */
final class InstanceCost {

  private static final Map<String, Double> LARGE_HOURLY_USD = Map.ofEntries(
      Map.entry("m7i", 0.1008), Map.entry("m6i", 0.096), Map.entry("m5", 0.096),
      Map.entry("c7i", 0.08925), Map.entry("c6i", 0.085), Map.entry("c5", 0.085),
      Map.entry("r7i", 0.1323), Map.entry("r6i", 0.126), Map.entry("r5", 0.126),
      Map.entry("m6g", 0.077), Map.entry("c6g", 0.068), Map.entry("r6g", 0.1008), Map.entry("c7g", 0.0725));

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
    String family = type.name().substring(0, type.name().indexOf('.'));
    // Unknown families sort last rather than failing: the catalogue decides what is launchable.
    return LARGE_HOURLY_USD.getOrDefault(family, 1.0) / 2.0;
  }
}
