package batchlab.report;

/**
 * What one run's instances cost, by the project's cost model ({@code batchlab.plan.CostModel}): the
 * instances the run's watch observed, launch to scale-in, times their hourly prices.
 *
 * @param usd all instances' paid time; {@code bootUsd} and {@code idleUsd} are its shares
 * @param usdPerJob each job's share by vCPU-seconds (total / jobs)
 * @param instanceSeconds paid instance-seconds
 * @param spotPriceAssumed whether a spot price in it is the assumed share rather than a given figure
 */
public record RunCost(double usd, double bootUsd, double idleUsd, double usdPerJob, double instanceSeconds,
    boolean spotPriceAssumed) {

  /** The share of the cost spent booting and idle, 0 to 1. */
  public double bootAndIdleShare() {
    return usd == 0 ? 0 : (bootUsd + idleUsd) / usd;
  }
}
