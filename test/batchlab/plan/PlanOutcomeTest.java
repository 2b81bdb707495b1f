package batchlab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.AllocationStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Pareto front, the deadline and budget picks, and the knee, on hand-made results. */
class PlanOutcomeTest {

  static ConfigurationResult result(int maxVcpus, double makespan, double cost) {
    return new ConfigurationResult(new Configuration(maxVcpus, List.of("m7i.large"),
        AllocationStrategy.BEST_FIT_PROGRESSIVE, true), true, makespan, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        cost, 0, 0, cost / 10, 0, 0, Double.NaN, ConfigurationResult.Spread.of(makespan),
        ConfigurationResult.Spread.of(cost));
  }

  static final ConfigurationResult SLOW_CHEAP = result(2, 700, 0.01);
  static final ConfigurationResult MIDDLE = result(4, 400, 0.02);
  static final ConfigurationResult DOMINATED = result(6, 450, 0.03);
  static final ConfigurationResult FAST_DEAR = result(20, 150, 0.04);
  static final List<ConfigurationResult> ALL = List.of(SLOW_CHEAP, MIDDLE, DOMINATED, FAST_DEAR,
      ConfigurationResult.notCompleted(SLOW_CHEAP.configuration()));

  @Test
  void theFrontHoldsWhatNoOtherBeatsOnBothMakespanAndCostFastestFirst() {
    PlanOutcome outcome = PlanOutcome.of(ALL, null, null);

    assertThat(outcome.paretoFront()).containsExactly(FAST_DEAR, MIDDLE, SLOW_CHEAP);
    assertThat(outcome.cheapestWithinDeadline()).isEmpty();
    assertThat(outcome.fastestWithinBudget()).isEmpty();
  }

  @Test
  void deadlinePicksTheCheapestThatFinishesInTimeAndBudgetTheFastestThatFits() {
    PlanOutcome outcome = PlanOutcome.of(ALL, 450.0, 0.035);

    assertThat(outcome.cheapestWithinDeadline()).contains(MIDDLE);
    assertThat(outcome.fastestWithinBudget()).contains(MIDDLE);
    assertThat(PlanOutcome.of(ALL, 100.0, 0.005).cheapestWithinDeadline()).isEmpty();
  }

  @Test
  void theKneeIsTheSmallestMaxVcpusWithinTenPercentOfTheLinesBest() {
    List<ConfigurationResult> line = List.of(result(2, 700, 0), result(4, 400, 0), result(8, 160, 0),
        result(12, 155, 0), result(20, 150, 0));

    assertThat(PlanReport.knee(line)).contains(line.get(2));
  }
}
