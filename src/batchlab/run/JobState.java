package batchlab.run;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS Batch job states (User Guide, "Job states") in lifecycle order. Our own enum rather than
 * the SDK's so the run model (and summary.json) does not depend on the SDK version.
 */
public enum JobState {
  SUBMITTED,
  PENDING,
  RUNNABLE,
  STARTING,
  RUNNING,
  SUCCEEDED,
  FAILED;

  /** SUCCEEDED and FAILED are final: a job in them never changes again. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** Parses the AWS spelling; empty for states this model does not know. */
  public static Optional<JobState> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (JobState state : values()) {
      if (state.name().equalsIgnoreCase(value.trim())) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  /** An unmodifiable count per state, every state present (0 when absent), in lifecycle order. */
  public static Map<JobState, Integer> completeCounts(Map<JobState, Integer> counts) {
    EnumMap<JobState, Integer> complete = new EnumMap<>(JobState.class);
    for (JobState state : values()) {
      complete.put(state, counts == null ? 0 : counts.getOrDefault(state, 0));
    }
    return Collections.unmodifiableMap(complete);
  }
}
