package batchlab.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How long a job's attempts run and whether they fail: the emulator runs no container, so this model
 * stands in for the job's program. Asked once per SubmitJob (an array job's children share the
 * answer); {@link #fixed} is the emulator's default.
 */
@FunctionalInterface
public interface WorkloadModel {

  /** How every attempt of {@code job} runs. */
  Run run(Submission job);

  /**
   * What the model sees of a submitted job.
   *
   * @param parameters the definition's parameters with the call's overrides applied
   * @param command the container command (the call's override, else the definition's), with
   *     {@code Ref::name} placeholders substituted from {@code parameters}; empty when none
   */
  record Submission(String jobName, String definitionName, Map<String, String> parameters, List<String> command) {
    public Submission {
      parameters = Map.copyOf(parameters);
      command = List.copyOf(command);
    }
  }

  /**
   * One attempt's outcome: the container exits 0 after {@code duration}, or, when {@code failure}
   * is not null, exits 1 as soon as it runs with that reason.
   */
  record Run(Duration duration, String failure) {
    public Run {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("a run cannot last a negative duration: " + duration);
      }
    }

    public static Run succeedsAfter(Duration duration) {
      return new Run(duration, null);
    }

    public static Run failsAtStart(String reason) {
      return new Run(Duration.ZERO, Objects.requireNonNull(reason, "reason"));
    }
  }

  /** Every job runs {@code duration} and succeeds. */
  static WorkloadModel fixed(Duration duration) {
    Run run = Run.succeedsAfter(duration);
    return job -> run;
  }

  /** The emulator's default: every job runs 60 s and succeeds. */
  WorkloadModel DEFAULT = fixed(Duration.ofSeconds(60));
}
