package batchlab.plan;

import batchlab.util.BadInputException;
import java.util.SplittableRandom;

/**
 * What is planned for: {@code jobs} jobs of {@code jobVcpus} vCPU and {@code jobMemoryMiB} MiB,
 * submitted as {@code arrivals} says, each running as {@code durations} says; a share
 * {@code failureRate} of them exits non-zero at the end of its run, and spot instances are reclaimed
 * at {@code spotInterruptionRate} per instance-hour (exponential lifetimes; on-demand never).
 */
public record Workload(int jobs, int jobVcpus, int jobMemoryMiB, Arrivals arrivals, Durations durations,
    double failureRate, double spotInterruptionRate) {

  /** Bounds each run's memory (its records); a fan-out this large is already past any lab use. */
  public static final int MAX_JOBS = 100_000;
  /** A bound far above any real spot pool's reclaim rate that still catches a slipped digit. */
  static final double MAX_SPOT_INTERRUPTION_RATE = 100;

  public Workload {
    if (jobs < 1 || jobs > MAX_JOBS) {
      throw new BadInputException("--jobs " + jobs + " must be between 1 and " + MAX_JOBS);
    }
    if (jobVcpus < 1 || jobMemoryMiB < 4) {
      throw new BadInputException("--job-vcpus " + jobVcpus + " / --job-memory-mib " + jobMemoryMiB
          + ": a job needs at least 1 vCPU and 4 MiB (allowed: V >= 1, M >= 4)");
    }
    if (arrivals.jobs() > 0 && arrivals.jobs() != jobs) {
      throw new BadInputException("--jobs " + jobs + " does not match the " + arrivals.jobs() + " submit times of --arrival "
          + ((Arrivals.FromFile) arrivals).file() + " (allowed: leave --jobs out, or give " + arrivals.jobs() + ")");
    }
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new BadInputException("--failure-rate " + failureRate + " must be a share of attempts from 0 to 1");
    }
    if (!(spotInterruptionRate >= 0 && spotInterruptionRate <= MAX_SPOT_INTERRUPTION_RATE)) {
      throw new BadInputException("--spot-interruption-rate " + spotInterruptionRate
          + " must be from 0 to " + (int) MAX_SPOT_INTERRUPTION_RATE + " reclaims per spot instance-hour");
    }
  }

  /** The article's shape: {@code jobs} jobs of {@code jobSeconds} each, all at once, none failing. */
  public Workload(int jobs, int jobSeconds, int jobVcpus, int jobMemoryMiB) {
    this(jobs, jobVcpus, jobMemoryMiB, new Arrivals.AllAtOnce(), Durations.fixed(jobSeconds), 0, 0);
  }

  /** One realisation: each job's submit time, run time and whether it fails. */
  public record Draw(long[] submitMillis, long[] runMillis, boolean[] fails) {}

  /**
   * The jobs of one repeat, from {@code seed}. Arrivals, run times and failures draw from separate
   * streams, so that changing one of them leaves the others' draws as they were.
   */
  public Draw draw(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom arrivalStream = random.split();
    SplittableRandom durationStream = random.split();
    SplittableRandom failureStream = random.split();
    boolean[] fails = new boolean[jobs];
    for (int i = 0; i < jobs; i++) {
      fails[i] = failureStream.nextDouble() < failureRate;
    }
    return new Draw(arrivals.submitMillis(jobs, arrivalStream), durations.runMillis(jobs, durationStream), fails);
  }

  /** The workload line of the report, e.g. "10 jobs of 2 vCPU / 1024 MiB, 60 s each, all submitted at once". */
  public String describe() {
    StringBuilder text = new StringBuilder(jobs + " jobs of " + jobVcpus + " vCPU / " + jobMemoryMiB + " MiB, "
        + durations.describe() + ", " + arrivals.describe());
    if (failureRate > 0) {
      text.append(", ").append(NumberFile.number(failureRate * 100)).append(" % failing (final: the stack retries only spot reclaims)");
    }
    if (spotInterruptionRate > 0) {
      text.append(", spot reclaims at ").append(NumberFile.number(spotInterruptionRate)).append(" per instance-hour (retried)");
    }
    return text.toString();
  }
}
