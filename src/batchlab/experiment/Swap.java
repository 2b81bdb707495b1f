package batchlab.experiment;

import java.util.List;

/**
 * How one run's max vCPU value was applied, for the report.
 *
 * @param method e.g. "UpdateStack", "UpdateComputeEnvironment", "npx cdk deploy"
 * @param events the stack update's events, oldest first, as "+3 s ComputeEnvironment... UPDATE_COMPLETE";
 *     empty when no stack update ran (the console method, or nothing to change)
 */
public record Swap(String method, List<String> events) {

  public Swap {
    events = List.copyOf(events);
  }

  /** Nothing applied: the value was already in place. */
  public static Swap none(String method) {
    return new Swap(method, List.of());
  }
}
