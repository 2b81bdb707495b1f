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

  public static PlanOutcome of(List<ConfigurationResult> results, Double deadlineSeconds, Double budgetUsd) {
    List<ConfigurationResult> completed = results.stream().filter(ConfigurationResult::completed).toList();
    List<ConfigurationResult> front = completed.stream()
        .filter(r -> completed.stream().noneMatch(other -> other.dominates(r)))
        .sorted(FASTEST)
        .toList();
    Optional<ConfigurationResult> deadline = deadlineSeconds == null ? Optional.empty()
        : completed.stream().filter(r -> r.makespan() <= deadlineSeconds).min(CHEAPEST);
    Optional<ConfigurationResult> budget = budgetUsd == null ? Optional.empty()
        : completed.stream().filter(r -> r.cost() <= budgetUsd).min(FASTEST);
    return new PlanOutcome(List.copyOf(results), front, deadline, budget);
  }

  public boolean onFront(ConfigurationResult result) {
    return paretoFront.contains(result);
  }
}
