package batchlab.bench;

import batchlab.batch.AllocationStrategy;
import batchlab.local.Timings;
import batchlab.plan.Configuration;
import batchlab.plan.ConfigurationResult;
import batchlab.plan.Grid;
import batchlab.plan.Planner;
import batchlab.plan.Prices;
import batchlab.plan.Workload;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench plan}: {@code configurations} configurations (maxVcpus 2, 4, 6, ... on m7i.large,
 * BEST_FIT_PROGRESSIVE, spot) x {@code jobs} jobs of 2 vCPU x 60 s through the planner, on
 * {@code threads} threads; wall time, microseconds per job and the heap's peak.
 */
public final class PlanBenchmark {

  /** The figures of one benchmark run. */
  public record Figures(int configurations, int jobs, int threads, double seconds, double microsPerJob,
      long peakHeapMiB, long totalMakespanCheck) {
    public String render() {
      return String.format(Locale.ROOT, "plan benchmark: %d configurations x %d jobs on %d threads%n"
          + "  wall time        %.2f s%n"
          + "  per job          %.2f us (per configuration %.1f ms)%n"
          + "  peak heap used   %d MiB%n"
          + "  (check: makespans sum to %d s)%n",
          configurations, jobs, threads, seconds, microsPerJob, microsPerJob * jobs / 1000, peakHeapMiB,
          totalMakespanCheck);
    }
  }

  private PlanBenchmark() {}

  public static Figures run(int configurations, int jobs, int threads) throws InterruptedException {
    Workload workload = new Workload(jobs, 60, 2, 1024);
    List<Configuration> grid = Grid.product(Grid.maxVcpus("2.." + (2 * configurations) + ":2"),
        List.of(List.of("m7i.large")), List.of(AllocationStrategy.BEST_FIT_PROGRESSIVE), List.of(true), 2, 1024);
    Planner planner = new Planner(workload, Timings.DEFAULT, Prices.listPrices(), 1, threads);
    // A short warm-up so the JIT has compiled the scheduler before the clock starts.
    planner.runAll(grid.subList(0, Math.min(20, grid.size())));
    resetPeaks();
    long start = System.nanoTime();
    List<ConfigurationResult> results = planner.runAll(grid);
    double seconds = (System.nanoTime() - start) / 1e9;
    long check = Math.round(results.stream().mapToDouble(ConfigurationResult::makespan).sum());
    return new Figures(grid.size(), jobs, threads, seconds, seconds * 1e6 / ((double) grid.size() * jobs),
        peakHeapMiB(), check);
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapMiB() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum() / (1024 * 1024);
  }
}
