package batchlab.plan;

import batchlab.util.BadInputException;

/**
 * What is planned for: {@code jobs} jobs of {@code jobVcpus} vCPU and {@code jobMemoryMiB} MiB, all
 * submitted at once (the article's fan-out), each running {@code jobSeconds}.
 */
public record Workload(int jobs, int jobSeconds, int jobVcpus, int jobMemoryMiB) {

  /** Bounds each run's memory (its records); a fan-out this large is already past any lab use. */
  public static final int MAX_JOBS = 100_000;

  public Workload {
    if (jobs < 1 || jobs > MAX_JOBS) {
      throw new BadInputException("--jobs " + jobs + " must be between 1 and " + MAX_JOBS);
    }
    if (jobSeconds < 1) {
      throw new BadInputException("--seconds " + jobSeconds + " must be 1 or more");
    }
    if (jobVcpus < 1 || jobMemoryMiB < 4) {
      throw new BadInputException("--job-vcpus " + jobVcpus + " / --job-memory-mib " + jobMemoryMiB
          + ": a job needs at least 1 vCPU and 4 MiB (allowed: V >= 1, M >= 4)");
    }
  }

  /** The job's vCPU-seconds: what utilisation divides by paid vCPU-seconds. */
  public long vcpuSeconds() {
    return (long) jobs * jobSeconds * jobVcpus;
  }
}
