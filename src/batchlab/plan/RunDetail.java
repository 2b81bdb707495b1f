package batchlab.plan;

import java.util.Arrays;

/**
 * One configuration's run seen job by job, for the recommended configuration's charts: each job's
 * time in system (sorted, seconds) and the queue length over time.
 */
public record RunDetail(Configuration configuration, double[] timesInSystemSorted, QueueSteps queue) {

  static RunDetail of(Configuration configuration, batchlab.local.TwinRun.Result run) {
    double[] system = Measurements.timesInSystem(run);
    Arrays.sort(system);
    return new RunDetail(configuration, system, Measurements.queueLength(run));
  }

  /** The longest queue the run had. */
  public int peakQueue() {
    return Arrays.stream(queue.lengths()).max().orElse(0);
  }
}
