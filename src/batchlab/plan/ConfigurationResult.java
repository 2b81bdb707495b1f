package batchlab.plan;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * What one configuration did with the workload, on the emulator's scheduler. Times in seconds. With
 * {@code --repeat K} the figures are means over the K runs (counts: the largest), and the spreads
 * give each run's makespan and cost range.
 *
 * @param completed false when jobs were left that could never run (nothing else is then meaningful)
 * @param makespan first submit to last job's end
 * @param waves rounds of jobs that ran side by side (the rule of {@code batchlab.analysis.Waves})
 * @param waitP50 time from submit to placement on an instance (RUNNABLE and before), median; p95, max alike
 * @param systemP50 time from submit to end, median; p95, max alike
 * @param busySeconds instance-seconds with at least one job placed
 * @param bootSeconds instance-seconds from launch to ECS registration
 * @param idleSeconds instance-seconds paid with no job: before the first, between jobs, before scale-in
 * @param utilisation job vCPU-seconds / paid vCPU-seconds
 * @param cost USD for all instances' paid time; {@code bootCost} and {@code idleCost} are its shares
 * @param failedJobs jobs that ended FAILED
 * @param retriedAttempts attempts after a job's first (the stack retries only reclaimed spot hosts)
 * @param offeredLoad offered / usable vCPUs for continuous arrivals, NaN otherwise; 1 or more: the
 *     queue grows without bound
 */
public record ConfigurationResult(Configuration configuration, boolean completed, double makespan, int maxRunning,
    int waves, double waitP50, double waitP95, double waitMax, double systemP50, double systemP95, double systemMax,
    int peakInstances, int instancesLaunched, double busySeconds, double bootSeconds, double idleSeconds,
    double utilisation, double cost, double bootCost, double idleCost, double costPerJob, double failedJobs,
    double retriedAttempts, double offeredLoad, Spread makespanSpread, Spread costSpread) {

  /** One figure over the repeats: how many runs, their mean, smallest and largest. */
  public record Spread(int runs, double mean, double min, double max) {
    static Spread of(double value) {
      return new Spread(1, value, value, value);
    }

    static Spread of(List<Double> values) {
      return new Spread(values.size(), values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
          values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
          values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }
  }

  static ConfigurationResult notCompleted(Configuration configuration) {
    return new ConfigurationResult(configuration, false, Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0, Double.NaN, 0, 0, Double.NaN, 0, 0, Double.NaN,
        Spread.of(Double.NaN), Spread.of(Double.NaN));
  }

  /** Whether the queue grows without bound: the makespan and cost only measure how many jobs were simulated. */
  public boolean unbounded() {
    return offeredLoad >= 1;
  }

  /** Completed with a meaningful makespan and cost: the ones the front and the recommendations choose from. */
  public boolean comparable() {
    return completed && !unbounded();
  }

  /** Whether this one is at least as fast and as cheap as {@code other}, and better in one. */
  boolean dominates(ConfigurationResult other) {
    return comparable() && makespan <= other.makespan && cost <= other.cost
        && (makespan < other.makespan || cost < other.cost);
  }

  ConfigurationResult withOfferedLoad(double load) {
    return new ConfigurationResult(configuration, completed, makespan, maxRunning, waves, waitP50, waitP95, waitMax,
        systemP50, systemP95, systemMax, peakInstances, instancesLaunched, busySeconds, bootSeconds, idleSeconds,
        utilisation, cost, bootCost, idleCost, costPerJob, failedJobs, retriedAttempts, load, makespanSpread,
        costSpread);
  }

  /** The repeats of one configuration as one result: means, counts at their largest, spreads of makespan and cost. */
  static ConfigurationResult combine(List<ConfigurationResult> runs) {
    if (runs.size() == 1 || runs.stream().anyMatch(r -> !r.completed)) {
      return runs.stream().filter(r -> !r.completed).findFirst().orElse(runs.get(0));
    }
    ConfigurationResult first = runs.get(0);
    return new ConfigurationResult(first.configuration, true, mean(runs, ConfigurationResult::makespan),
        max(runs, ConfigurationResult::maxRunning), max(runs, ConfigurationResult::waves),
        mean(runs, ConfigurationResult::waitP50), mean(runs, ConfigurationResult::waitP95),
        mean(runs, ConfigurationResult::waitMax), mean(runs, ConfigurationResult::systemP50),
        mean(runs, ConfigurationResult::systemP95), mean(runs, ConfigurationResult::systemMax),
        max(runs, ConfigurationResult::peakInstances), max(runs, ConfigurationResult::instancesLaunched),
        mean(runs, ConfigurationResult::busySeconds), mean(runs, ConfigurationResult::bootSeconds),
        mean(runs, ConfigurationResult::idleSeconds), mean(runs, ConfigurationResult::utilisation),
        mean(runs, ConfigurationResult::cost), mean(runs, ConfigurationResult::bootCost),
        mean(runs, ConfigurationResult::idleCost), mean(runs, ConfigurationResult::costPerJob),
        mean(runs, ConfigurationResult::failedJobs), mean(runs, ConfigurationResult::retriedAttempts),
        first.offeredLoad, Spread.of(runs.stream().map(ConfigurationResult::makespan).toList()),
        Spread.of(runs.stream().map(ConfigurationResult::cost).toList()));
  }

  private static double mean(List<ConfigurationResult> runs, ToDoubleFunction<ConfigurationResult> figure) {
    return runs.stream().mapToDouble(figure).average().orElseThrow();
  }

  private static int max(List<ConfigurationResult> runs, ToIntFunction<ConfigurationResult> figure) {
    return runs.stream().mapToInt(figure).max().orElseThrow();
  }
}
