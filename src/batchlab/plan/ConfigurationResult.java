package batchlab.plan;

/**
 * What one configuration did with the workload, on the emulator's scheduler. Times in seconds.
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
 */
public record ConfigurationResult(Configuration configuration, boolean completed, double makespan, int maxRunning,
    int waves, double waitP50, double waitP95, double waitMax, double systemP50, double systemP95, double systemMax,
    int peakInstances, int instancesLaunched, double busySeconds, double bootSeconds, double idleSeconds,
    double utilisation, double cost, double bootCost, double idleCost, double costPerJob) {

  static ConfigurationResult notCompleted(Configuration configuration) {
    return new ConfigurationResult(configuration, false, Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0, Double.NaN, 0, 0, Double.NaN);
  }

  /** Whether this one is at least as fast and as cheap as {@code other}, and better in one. */
  boolean dominates(ConfigurationResult other) {
    return completed && makespan <= other.makespan && cost <= other.cost
        && (makespan < other.makespan || cost < other.cost);
  }
}
