package batchlab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.batch.AllocationStrategy;
import batchlab.local.CapacityLimits;
import batchlab.local.Timings;
import batchlab.local.TwinRun;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Queueing theory where it applies: Poisson arrivals, exponential run times and c warm slots make
 * an M/M/c queue, whose mean wait is Erlang C's. The planner's runs (its workload draws, the
 * emulator's scheduler) must agree within the confidence interval of the simulation itself.
 *
 * <p>c = 4: one m7i.xlarge kept warm by minvCpus = maxvCpus = 4, 1-vCPU jobs (four to the
 * instance), BEST_FIT on demand (never a fifth slot past maxvCpus); no dispatch, boot or start
 * delay, so a job holds its slot exactly its run time. Arrivals 3/min, run times of mean 60 s:
 * offered load a = 3, utilisation 75 %.
 */
class ErlangCTest {

  static final int SLOTS = 4;
  static final double ARRIVALS_PER_SECOND = 3 / 60.0;
  static final double MEAN_RUN_SECONDS = 60;
  static final int JOBS = 5_000;
  /** The first jobs find the queue empty, not in its steady state: left out of each run's mean. */
  static final int WARM_UP_JOBS = 500;
  static final int RUNS = 10;
  /** Student's t, 97.5 % quantile, 9 degrees of freedom: a 95 % interval from 10 runs. */
  static final double T_975_9 = 2.262;

  /** Erlang C: the probability an arrival waits, times the mean wait of one that does. */
  static double erlangCMeanWait(int c, double lambda, double mu) {
    double a = lambda / mu;
    double term = 1;
    double sum = 0;
    for (int k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    double last = term * c / (c - a);
    double probabilityOfWaiting = last / (sum + last);
    return probabilityOfWaiting / (c * mu - lambda);
  }

  @Test
  void theErlangCFormulaIsWhatItIsForTheseParameters() {
    // a = 3, c = 4: C = 13.5 / 26.5; Wq = C / (4/60 - 3/60)
    assertThat(erlangCMeanWait(4, 3 / 60.0, 1 / 60.0)).isCloseTo(13.5 / 26.5 * 60, within(1e-9));
  }

  @Test
  void meanWaitWithPoissonArrivalsExponentialRunsAndWarmSlotsMatchesErlangC() {
    Timings noDelays = new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Timings.DEFAULT.scaleDown());
    Workload workload = new Workload(JOBS, 1, 512, Arrivals.parse("poisson:3/min"), Durations.parse("exp:60"), 0, 0);
    Planner planner = new Planner(workload, new Planner.Settings(noDelays, CapacityLimits.NONE, SLOTS, 7, RUNS),
        Prices.listPrices(), 1);
    Configuration warm = new Configuration(SLOTS, List.of("m7i.xlarge"), AllocationStrategy.BEST_FIT, false);

    double[] runMeans = new double[RUNS];
    for (int k = 0; k < RUNS; k++) {
      TwinRun.Result run = planner.records(warm, k);
      assertThat(run.instances()).as("one warm instance, never a second").hasSize(1);
      double sum = 0;
      for (TwinRun.JobRecord job : run.jobs().subList(WARM_UP_JOBS, JOBS)) {
        sum += (job.firstPlacedAt() - job.createdAt()) / 1000.0;
      }
      runMeans[k] = sum / (JOBS - WARM_UP_JOBS);
    }
    double mean = Arrays.stream(runMeans).average().orElseThrow();
    double variance = Arrays.stream(runMeans).map(m -> (m - mean) * (m - mean)).sum() / (RUNS - 1);
    double halfWidth = T_975_9 * Math.sqrt(variance / RUNS);
    double expected = erlangCMeanWait(SLOTS, ARRIVALS_PER_SECOND, 1 / MEAN_RUN_SECONDS);

    assertThat(expected).isCloseTo(30.57, within(0.01));
    assertThat(halfWidth).as("the interval is tight enough to mean something").isLessThan(expected * 0.2);
    assertThat(mean).as("simulated mean wait, 95 %% interval +- %.2f s", halfWidth)
        .isBetween(expected - halfWidth, expected + halfWidth);
  }
}
