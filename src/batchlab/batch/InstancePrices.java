package batchlab.batch;

import java.util.Map;
import java.util.Optional;

/**
 * EC2 On-Demand list prices of the catalogue's types: Linux, Region {@value #REGION}, USD per hour,
 * as listed on the AWS "Amazon EC2 On-Demand Pricing" page ({@value #AS_OF}). Within a family the
 * price scales linearly with size, so one figure per family (its {@code large} size) gives every
 * size. EC2 bills Linux instances per second with a one-minute minimum ({@link #MINIMUM_BILLED_SECONDS}).
 * The emulator's allocation strategies rank types by these prices; the planner bills with them.
 */
public final class InstancePrices {

  public static final String REGION = "us-east-1";
  public static final String AS_OF = "2025 list prices";
  /** EC2 per-second billing for Linux: each instance is billed at least 60 s. */
  public static final int MINIMUM_BILLED_SECONDS = 60;

  private static final Map<String, Double> LARGE_HOURLY_USD = Map.ofEntries(
      Map.entry("m7i", 0.1008), Map.entry("m6i", 0.096), Map.entry("m5", 0.096),
      Map.entry("c7i", 0.08925), Map.entry("c6i", 0.085), Map.entry("c5", 0.085),
      Map.entry("r7i", 0.1323), Map.entry("r6i", 0.126), Map.entry("r5", 0.126),
      Map.entry("m6g", 0.077), Map.entry("c6g", 0.068), Map.entry("r6g", 0.1008), Map.entry("c7g", 0.0725));

  private InstancePrices() {}

  /** The On-Demand hourly price of {@code type}, if its family is in the list. */
  public static Optional<Double> onDemandHourly(InstanceType type) {
    return perVcpuHourly(type).map(perVcpu -> perVcpu * type.vcpus());
  }

  /** The On-Demand price per vCPU-hour of {@code type}'s family, if listed. */
  public static Optional<Double> perVcpuHourly(InstanceType type) {
    int dot = type.name().indexOf('.');
    String family = dot < 0 ? type.name() : type.name().substring(0, dot);
    Double large = LARGE_HOURLY_USD.get(family);
    return large == null ? Optional.empty() : Optional.of(large / 2.0);
  }
}
