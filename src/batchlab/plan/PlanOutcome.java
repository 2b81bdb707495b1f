package batchlab.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The grid's results and what they recommend: the Pareto front (configurations no other beats on
 * both makespan and cost), the cheapest that meets the deadline and the fastest within the budget.
 */
public record PlanOutcome(List<ConfigurationResult> results, List<ConfigurationResult> paretoFront,
    Optional<ConfigurationResult> cheapestWithinDeadline, Optional<ConfigurationResult> fastestWithinBudget) {

  /** Fastest first, then cheapest, then the grid's order. */
  static final Comparator<ConfigurationResult> FASTEST = Comparator.comparingDouble(ConfigurationResult::makespan)
      .thenComparingDouble(ConfigurationResult::cost);
  static final Comparator<ConfigurationResult> CHEAPEST = Comparator.comparingDouble(ConfigurationResult::cost)
      .thenComparingDouble(ConfigurationResult::makespan);

  /**
   * Chooses among the configurations with a meaningful makespan (completed, queue bounded). With
   * repeats, the deadline and the budget must hold in every run (the largest makespan and cost);
   * the front and the orderings use the means.
   */
  public static PlanOutcome of(List<ConfigurationResult> results, Double deadlineSeconds, Double budgetUsd) {
    List<ConfigurationResult> comparable = results.stream().filter(ConfigurationResult::comparable).toList();
    List<ConfigurationResult> front = comparable.stream()
        .filter(r -> comparable.stream().noneMatch(other -> other.dominates(r)))
        .sorted(FASTEST)
        .toList();
    Optional<ConfigurationResult> deadline = deadlineSeconds == null ? Optional.empty()
        : comparable.stream().filter(r -> r.makespanSpread().max() <= deadlineSeconds).min(CHEAPEST);
    Optional<ConfigurationResult> budget = budgetUsd == null ? Optional.empty()
        : comparable.stream().filter(r -> r.costSpread().max() <= budgetUsd).min(FASTEST);
    return new PlanOutcome(List.copyOf(results), front, deadline, budget);
  }

  /**
   * The configuration the report charts in detail: the deadline's pick, else the budget's, else the
   * fastest on the Pareto front; empty when nothing has a meaningful makespan.
   */
  public Optional<ConfigurationResult> recommended() {
    return cheapestWithinDeadline.or(() -> fastestWithinBudget).or(() -> paretoFront.stream().findFirst());
  }

  public boolean onFront(ConfigurationResult result) {
    return paretoFront.contains(result);
  }
}
