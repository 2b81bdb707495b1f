package batchlab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The workload's draws: seeded, with the means and medians their specs name. */
class WorkloadTest {

  static final int N = 20_000;

  static Workload workload(String arrival, String durations) {
    return new Workload(N, 2, 1024, Arrivals.parse(arrival), Durations.parse(durations), 0, 0);
  }

  @Test
  void poissonArrivalsHaveExponentialGapsOfMeanOneOverTheRate() {
    long[] at = workload("poisson:6/min", "60").draw(1).submitMillis();

    assertThat(at[0]).isZero();
    assertThat(at[N - 1] / 1000.0 / (N - 1)).isCloseTo(10.0, within(0.3));
    long shortGaps = java.util.stream.IntStream.range(1, N).filter(i -> at[i] - at[i - 1] < 10_000).count();
    // P(gap < mean) = 1 - 1/e for an exponential
    assertThat((double) shortGaps / (N - 1)).isCloseTo(1 - Math.exp(-1), within(0.01));
  }

  @Test
  void aFixedRateSubmitsEvenly() {
    long[] at = workload("rate:2/min", "60").draw(1).submitMillis();

    assertThat(Arrays.copyOf(at, 4)).containsExactly(0, 30_000, 60_000, 90_000);
  }

  @Test
  void exponentialAndLogNormalRunTimesHaveTheirMeanAndMedian() {
    long[] exp = workload("all", "exp:60").draw(1).runMillis();
    long[] log = workload("all", "lognormal:60,0.5").draw(1).runMillis();
    Arrays.sort(log);

    assertThat(Arrays.stream(exp).average().orElseThrow() / 1000).isCloseTo(60, within(1.5));
    assertThat(log[N / 2] / 1000.0).isCloseTo(60, within(1.5));
    assertThat(Arrays.stream(log).average().orElseThrow() / 1000).isCloseTo(60 * Math.exp(0.125), within(1.5));
    assertThat(Durations.parse("lognormal:60,0.5").meanSeconds()).isCloseTo(60 * Math.exp(0.125), within(1e-9));
  }

  @Test
  void theSameSeedDrawsTheSameWorkloadAndAnotherSeedAnother() {
    Workload w = workload("poisson:6/min", "exp:60");

    assertThat(w.draw(5).submitMillis()).isEqualTo(w.draw(5).submitMillis());
    assertThat(w.draw(5).runMillis()).isEqualTo(w.draw(5).runMillis());
    assertThat(w.draw(6).runMillis()).isNotEqualTo(w.draw(5).runMillis());
  }

  @Test
  void changingTheRunTimesLeavesTheArrivalsAsTheyWere() {
    assertThat(workload("poisson:6/min", "exp:60").draw(3).submitMillis())
        .isEqualTo(workload("poisson:6/min", "lognormal:30,1").draw(3).submitMillis());
  }

  @Test
  void aDurationFileRepeatsInOrderWhenJobsOutnumberIt() {
    Durations file = new Durations.FromFile("d.txt", new double[] {10, 20.5});

    assertThat(file.runMillis(5, null)).containsExactly(10_000, 20_500, 10_000, 20_500, 10_000);
    assertThat(file.meanSeconds()).isEqualTo(15.25);
    assertThat(file.shortestSeconds()).isEqualTo(10);
  }
}
