package batchlab.plan;

import batchlab.local.Faults;
import batchlab.local.Timings;
import batchlab.local.TwinRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every configuration of a grid on the emulator's scheduler ({@link TwinRun}, manual clock),
 * on {@code threads} threads; results come back in grid order and do not depend on the thread count
 * (each run has its own control plane and seed). Memory stays bounded: a run's records are reduced
 * to its {@link ConfigurationResult} as soon as it ends.
 */
public final class Planner {

  private final Workload workload;
  private final Timings timings;
  private final Prices prices;
  private final long seed;
  private final int threads;

  public Planner(Workload workload, Timings timings, Prices prices, long seed, int threads) {
    this.workload = workload;
    this.timings = timings;
    this.prices = prices;
    this.seed = seed;
    this.threads = Math.max(1, threads);
  }

  /** One configuration's run, every job submitted at time 0. */
  public ConfigurationResult run(Configuration configuration) {
    return run(configuration, new long[workload.jobs()]);
  }

  /**
   * One configuration's run with the jobs submitted at {@code submitMillis} (ascending, milliseconds
   * from the start; one per job), e.g. the submit times an experiment's fan-out really had.
   */
  public ConfigurationResult run(Configuration configuration, long[] submitMillis) {
    if (submitMillis.length != workload.jobs()) {
      throw new IllegalArgumentException(submitMillis.length + " submit times for " + workload.jobs() + " jobs");
    }
    TwinRun run = new TwinRun(new TwinRun.Environment(0, configuration.maxVcpus(), configuration.instanceTypes(),
        configuration.strategy(), configuration.spot()), workload.jobVcpus(), workload.jobMemoryMiB(), 1, timings,
        Faults.NONE, seed);
    Duration runtime = Duration.ofSeconds(workload.jobSeconds());
    for (long at : submitMillis) {
      run.submit(at, runtime);
    }
    return Measurements.of(configuration, workload, run.run(), prices);
  }

  /** Every configuration, in order. */
  public List<ConfigurationResult> runAll(List<Configuration> grid) throws InterruptedException {
    if (threads == 1 || grid.size() == 1) {
      return grid.stream().map(this::run).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "plan");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ConfigurationResult>> futures = new ArrayList<>(grid.size());
      for (Configuration configuration : grid) {
        futures.add(pool.submit(() -> run(configuration)));
      }
      List<ConfigurationResult> results = new ArrayList<>(grid.size());
      for (Future<ConfigurationResult> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
