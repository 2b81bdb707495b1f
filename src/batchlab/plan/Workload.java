package batchlab.plan;

/**
 * What is planned for: {@code jobs} jobs of {@code jobVcpus} vCPU and {@code jobMemoryMiB} MiB, all
 * submitted at once (the article's fan-out), each running {@code jobSeconds}.
 */
public record Workload(int jobs, int jobSeconds, int jobVcpus, int jobMemoryMiB) {

  /** The job's vCPU-seconds: what utilisation divides by paid vCPU-seconds. */
  public long vcpuSeconds() {
    return (long) jobs * jobSeconds * jobVcpus;
  }
}
