package batchlab.plan;

import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.local.CapacityLimits;
import batchlab.local.Timings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a configuration keeps up with a continuous arrival process: the offered load (arrival
 * rate x the time a job holds its vCPUs x its vCPUs) against the usable vCPUs (the most job vCPUs
 * the configuration runs at once). At or above 1 the queue grows without bound, so the run's
 * makespan only measures how many jobs were simulated.
 */
final class OfferedLoad {

  private OfferedLoad() {}

  /**
   * Offered vCPUs / usable vCPUs for {@code configuration}, or NaN when the arrivals are not a
   * continuous process (a burst or a file is finite work: its makespan means something). A job
   * holds its vCPUs from placement: the container start plus its mean run time.
   */
  static double of(Configuration configuration, Workload workload, Timings timings, CapacityLimits capacity) {
    if (workload.arrivals().ratePerSecond().isEmpty()) {
      return Double.NaN;
    }
    double holdSeconds = timings.jobStart().toMillis() / 1000.0 + workload.durations().meanSeconds();
    double offered = workload.arrivals().ratePerSecond().getAsDouble() * holdSeconds * workload.jobVcpus();
    int slots = slots(configuration, workload.jobVcpus(), workload.jobMemoryMiB(), capacity);
    return slots == 0 ? Double.POSITIVE_INFINITY : offered / ((double) slots * workload.jobVcpus());
  }

  /**
   * The most jobs the configuration runs at once: whole instances within maxvCpus (plus one more
   * where the strategy may exceed it by an instance), at most {@code capacity} of each type, the
   * types with the most jobs per vCPU first, each packed by vCPU and memory.
   */
  static int slots(Configuration configuration, int jobVcpus, int jobMemoryMiB, CapacityLimits capacity) {
    List<InstanceType> types = new ArrayList<>(InstanceTypeCatalog.resolve(configuration.instanceTypes()));
    types.removeIf(t -> t.jobsPerInstance(jobVcpus, jobMemoryMiB) == 0);
    types.sort(Comparator.comparingDouble((InstanceType t) -> -(double) t.jobsPerInstance(jobVcpus, jobMemoryMiB) / t.vcpus()));
    int vcpusLeft = configuration.maxVcpus();
    int slots = 0;
    int[] launched = new int[types.size()];
    for (int i = 0; i < types.size(); i++) {
      InstanceType t = types.get(i);
      int limit = capacity.limitFor(t.name()).orElse(Integer.MAX_VALUE);
      launched[i] = Math.min(limit, vcpusLeft / t.vcpus());
      vcpusLeft -= launched[i] * t.vcpus();
      slots += launched[i] * t.jobsPerInstance(jobVcpus, jobMemoryMiB);
    }
    if (vcpusLeft > 0 && configuration.strategy().mayExceedMaxVcpus(configuration.spot())) {
      for (int i = 0; i < types.size(); i++) {
        InstanceType t = types.get(i);
        if (launched[i] < capacity.limitFor(t.name()).orElse(Integer.MAX_VALUE)) {
          return slots + t.jobsPerInstance(jobVcpus, jobMemoryMiB);
        }
      }
    }
    return slots;
  }
}
