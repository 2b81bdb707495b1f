package batchlab.plan;

import batchlab.batch.LabContract;
import batchlab.local.CapacityLimits;
import batchlab.local.Faults;
import batchlab.local.Timings;
import batchlab.local.TwinRun;
import batchlab.local.WorkloadModel;
import batchlab.util.BadInputException;
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
 *
 * <p>Repeat k (0-based) of {@code repeats} uses seed {@code seed + k} for the workload's draws and
 * the emulator's (spot reclaims); every configuration sees the same draws, so that differences
 * between configurations are not differences between workloads.
 */
public final class Planner {

  /** The status reason of an attempt that {@code --failure-rate} makes exit 1. */
  static final String FAILURE_REASON = "the job's program exited 1 (--failure-rate)";
  /** The stack's retry strategy (infra's LabJobDefinition): only reclaimed spot hosts are retried. */
  static final TwinRun.Retry LAB_RETRY = new TwinRun.Retry(LabContract.RETRY_ATTEMPTS, LabContract.RETRY_ON_STATUS_REASON);

  /** Settings every configuration of a plan shares beyond the workload. */
  public record Settings(Timings timings, CapacityLimits capacity, int minVcpus, long seed, int repeats) {
    /** A bound that keeps a plan's runs finite while leaving room for a tight confidence interval. */
    public static final int MAX_REPEATS = 1000;

    public Settings {
      if (repeats < 1 || repeats > MAX_REPEATS) {
        throw new BadInputException("--repeat " + repeats + " must be between 1 and " + MAX_REPEATS);
      }
      if (minVcpus < 0) {
        throw new BadInputException("minVcpus " + minVcpus + " must be 0 or more");
      }
    }

    public static Settings defaults(long seed) {
      return new Settings(Timings.DEFAULT, CapacityLimits.NONE, 0, seed, 1);
    }
  }

  private final Workload workload;
  private final Settings settings;
  private final Prices prices;
  private final int threads;
  private final List<Workload.Draw> draws = new ArrayList<>();

  public Planner(Workload workload, Settings settings, Prices prices, int threads) {
    this.workload = workload;
    this.settings = settings;
    this.prices = prices;
    this.threads = Math.max(1, threads);
    for (int k = 0; k < settings.repeats(); k++) {
      draws.add(workload.draw(settings.seed() + k));
    }
  }

  /** One run per configuration with the default timings, no capacity limits and minvCpus 0. */
  public Planner(Workload workload, Timings timings, Prices prices, long seed, int threads) {
    this(workload, new Settings(timings, CapacityLimits.NONE, 0, seed, 1), prices, threads);
  }

  /** One configuration: every repeat run, combined (means, spreads), with its offered load. */
  public ConfigurationResult run(Configuration configuration) {
    List<ConfigurationResult> repeats = new ArrayList<>(draws.size());
    for (int k = 0; k < draws.size(); k++) {
      repeats.add(Measurements.of(configuration, workload, records(configuration, draws.get(k), settings.seed() + k),
          prices));
    }
    return ConfigurationResult.combine(repeats)
        .withOfferedLoad(OfferedLoad.of(configuration, workload, settings.timings(), settings.capacity()));
  }

  /**
   * One configuration's first repeat with the jobs submitted at {@code submitMillis} (ascending,
   * milliseconds from the start; one per job), e.g. the submit times an experiment's fan-out really had.
   */
  public ConfigurationResult run(Configuration configuration, long[] submitMillis) {
    if (submitMillis.length != workload.jobs()) {
      throw new IllegalArgumentException(submitMillis.length + " submit times for " + workload.jobs() + " jobs");
    }
    Workload.Draw first = draws.get(0);
    Workload.Draw draw = new Workload.Draw(submitMillis.clone(), first.runMillis(), first.fails());
    return Measurements.of(configuration, workload, records(configuration, draw, settings.seed()), prices);
  }

  /** The first repeat of {@code configuration} job by job, for the recommended configuration's charts; empty if it never finishes. */
  public java.util.Optional<RunDetail> detail(Configuration configuration) {
    return java.util.Optional.ofNullable(records(configuration, draws.get(0), settings.seed()))
        .map(run -> RunDetail.of(configuration, run));
  }

  /** Repeat {@code k}'s per-job and per-instance records (null if jobs were left that nothing could run). */
  TwinRun.Result records(Configuration configuration, int k) {
    return records(configuration, draws.get(k), settings.seed() + k);
  }

  private TwinRun.Result records(Configuration configuration, Workload.Draw draw, long seed) {
    Faults faults = configuration.spot() && workload.spotInterruptionRate() > 0
        ? Faults.NONE.withSpotInterruptionRate(workload.spotInterruptionRate()) : Faults.NONE;
    TwinRun run = new TwinRun(new TwinRun.Environment(settings.minVcpus(), configuration.maxVcpus(),
        configuration.instanceTypes(), configuration.strategy(), configuration.spot()), workload.jobVcpus(),
        workload.jobMemoryMiB(), LAB_RETRY, settings.timings(), faults, settings.capacity(), seed);
    for (int i = 0; i < workload.jobs(); i++) {
      Duration runtime = Duration.ofMillis(draw.runMillis()[i]);
      run.submit(draw.submitMillis()[i], draw.fails()[i] ? WorkloadModel.Run.failsAfter(runtime, FAILURE_REASON)
          : WorkloadModel.Run.succeedsAfter(runtime));
    }
    return run.run();
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
