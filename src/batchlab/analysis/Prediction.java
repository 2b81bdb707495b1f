package batchlab.analysis;

import batchlab.batch.InstanceType;
import batchlab.run.JobShape;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the compute environment's own settings predict for a run of {@code jobs} equal jobs.
 *
 * <p>concurrency = the jobs that fit at once within maxvCpus on the allowed instance types (the
 * type that fits the most: instances = floor(maxvCpus / type vCPUs), each running as many jobs as
 * its vCPUs and usable memory allow), capped at the number of jobs; waves = ceil(jobs / slots);
 * ideal makespan = waves x job duration (instance start-up not included, so a lower bound).
 *
 * @param jobs jobs in the run (array children counted one by one)
 * @param jobVcpus vCPUs one job asks for
 * @param jobMemoryMiB memory one job asks for
 * @param maxVcpus the compute environment's maxvCpus (summed over the queue's environments)
 * @param instanceType the allowed type that fits the most jobs; null when none can hold one
 * @param jobsPerInstance jobs one such instance runs at once
 * @param slots jobs that fit at once within maxvCpus, however many jobs there are
 * @param concurrency jobs expected to run at once: min(slots, jobs)
 * @param instances instances expected at the peak
 * @param waves rounds of running: ceil(jobs / slots); 0 when no job can ever run
 * @param jobDuration how long one job runs; null when the run does not say
 * @param idealMakespan waves x jobDuration; null when jobDuration is unknown or no job can run
 */
public record Prediction(
    int jobs,
    int jobVcpus,
    int jobMemoryMiB,
    int maxVcpus,
    String instanceType,
    int jobsPerInstance,
    int slots,
    int concurrency,
    int instances,
    int waves,
    @JsonProperty("jobSeconds") Duration jobDuration,
    @JsonProperty("idealMakespanSeconds") Duration idealMakespan) {

  /**
   * The prediction for {@code jobs} jobs of {@code shape} within {@code maxVcpus} on the {@code known}
   * instance types (a queue's, catalogue-resolved); null when the shape is not known or no type is
   * (unknown or not EC2).
   */
  public static Prediction of(int jobs, JobShape shape, int maxVcpus, List<InstanceType> known) {
    if (shape == null || known.isEmpty()) {
      return null;
    }
    return of(jobs, shape.vcpus(), shape.memoryMiB(), maxVcpus, known, shape.duration());
  }

  /**
   * Computes the prediction.
   *
   * @param allowed the instance types the compute environment may launch (catalogue-resolved)
   * @param jobDuration null when unknown
   */
  public static Prediction of(
      int jobs, int jobVcpus, int jobMemoryMiB, int maxVcpus, List<InstanceType> allowed, Duration jobDuration) {
    if (jobs < 1 || jobVcpus < 1 || jobMemoryMiB < 1 || maxVcpus < 0) {
      throw new IllegalArgumentException("a prediction needs jobs, job vCPUs and memory > 0 and maxvCpus >= 0, got "
          + jobs + " jobs of " + jobVcpus + " vCPU / " + jobMemoryMiB + " MiB on maxvCpus " + maxVcpus);
    }
    Objects.requireNonNull(allowed, "allowed");
    // Most jobs at once; on a tie the smaller type, the one Batch's best-fit strategies would pick.
    InstanceType best = allowed.stream()
        .filter(t -> slots(t, jobVcpus, jobMemoryMiB, maxVcpus) > 0)
        .max(Comparator.<InstanceType>comparingInt(t -> slots(t, jobVcpus, jobMemoryMiB, maxVcpus))
            .thenComparing(Comparator.comparingInt(InstanceType::vcpus).reversed()))
        .orElse(null);
    if (best == null) {
      return new Prediction(jobs, jobVcpus, jobMemoryMiB, maxVcpus, null, 0, 0, 0, 0, 0, jobDuration, null);
    }
    int perInstance = best.jobsPerInstance(jobVcpus, jobMemoryMiB);
    int slots = slots(best, jobVcpus, jobMemoryMiB, maxVcpus);
    int concurrency = Math.min(slots, jobs);
    int instances = ceilDiv(concurrency, perInstance);
    int waves = ceilDiv(jobs, slots);
    Duration ideal = jobDuration == null ? null : jobDuration.multipliedBy(waves);
    return new Prediction(jobs, jobVcpus, jobMemoryMiB, maxVcpus, best.name(), perInstance, slots, concurrency,
        instances, waves, jobDuration, ideal);
  }

  /** Whether any job can run at all on the allowed types within maxvCpus. */
  public boolean runnable() {
    return slots > 0;
  }

  private static int slots(InstanceType type, int jobVcpus, int jobMemoryMiB, int maxVcpus) {
    return (maxVcpus / type.vcpus()) * type.jobsPerInstance(jobVcpus, jobMemoryMiB);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
