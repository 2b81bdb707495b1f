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
   * is not null, exits {@code failureExitCode} after {@code duration} with that reason. {@code
   * exitOnSigterm} is what the program does when it gets SIGTERM (a timed-out attempt, User Guide
   * "Job timeouts"; TerminateJob, ECS StopTask): exit at once with that code, or, when null, ignore it
   * and be killed by SIGKILL 30 s later (exit 137).
   */
  record Run(Duration duration, String failure, int failureExitCode, Integer exitOnSigterm) {

    /** 128 + 15: what a program that ends on SIGTERM exits with; the default of every Run. */
    public static final int SIGTERM_EXIT_CODE = 143;

    public Run {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative() || duration.compareTo(Timings.MAX) > 0) {
        throw new IllegalArgumentException("a run lasts between 0 and " + Timings.MAX + " (Timings.MAX), not " + duration);
      }
    }

    public static Run succeedsAfter(Duration duration) {
      return new Run(duration, null, 0, SIGTERM_EXIT_CODE);
    }

    /** The program runs {@code duration}, then exits 1 with {@code reason}. */
    public static Run failsAfter(Duration duration, String reason) {
      return new Run(duration, Objects.requireNonNull(reason, "reason"), 1, SIGTERM_EXIT_CODE);
    }

    /** The container exits 1 as soon as it runs, with {@code reason}. */
    public static Run failsAtStart(String reason) {
      return failsAtStart(reason, 1);
    }

    /** The container exits {@code exitCode} (not 0) as soon as it runs, with {@code reason}. */
    public static Run failsAtStart(String reason, int exitCode) {
      if (exitCode == 0) {
        throw new IllegalArgumentException("a failing run exits with a code other than 0");
      }
      return new Run(Duration.ZERO, Objects.requireNonNull(reason, "reason"), exitCode, SIGTERM_EXIT_CODE);
    }

    /** The same run by a program that ignores SIGTERM (as a PID 1 without a handler does). */
    public Run ignoringSigterm() {
      return new Run(duration, failure, failureExitCode, null);
    }

    /** The same run by a program that exits with {@code exitCode} on SIGTERM. */
    public Run exitingOnSigterm(int exitCode) {
      return new Run(duration, failure, failureExitCode, exitCode);
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
