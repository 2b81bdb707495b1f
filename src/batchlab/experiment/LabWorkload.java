package batchlab.experiment;

import batchlab.batch.LabContract;
import batchlab.local.Timings;
import batchlab.local.WorkloadModel;
import java.time.Duration;
import java.util.Objects;

/**
 * The lab's job image as the emulator models it: {@code sleep_example.py} sleeps for its
 * {@link LabContract#SECONDS_PARAMETER} parameter (the definition's default, overridden by SubmitJob)
 * and exits 0; without the parameter a job runs the default duration; a value that is not a
 * non-negative number makes the script exit 1 at once. On SIGTERM (a timed-out attempt) the script
 * exits at once with {@link LabContract#JOB_SIGTERM_EXIT_CODE}.
 */
public final class LabWorkload implements WorkloadModel {

  /** The lab's model with the contract's default of {@value LabContract#DEFAULT_JOB_SECONDS} s. */
  public static final LabWorkload DEFAULT = new LabWorkload(Duration.ofSeconds(LabContract.DEFAULT_JOB_SECONDS));

  private final Run withoutParameter;

  /** {@code defaultDuration}: how long a job without the parameter runs. */
  public LabWorkload(Duration defaultDuration) {
    this.withoutParameter = sleeps(Objects.requireNonNull(defaultDuration, "defaultDuration"));
  }

  public Duration defaultDuration() {
    return withoutParameter.duration();
  }

  private static Run sleeps(Duration duration) {
    return Run.succeedsAfter(duration).exitingOnSigterm(LabContract.JOB_SIGTERM_EXIT_CODE);
  }

  @Override
  public Run run(Submission job) {
    String text = job.parameters().get(LabContract.SECONDS_PARAMETER);
    if (text == null) {
      return withoutParameter;
    }
    try {
      double seconds = Double.parseDouble(text.trim());
      if (seconds >= 0 && !Double.isInfinite(seconds)) {
        // A sleep longer than the emulator's horizon never ends there: its attempt timeout, if any, ends it.
        long millis = Math.min(Math.round(seconds * 1000), Timings.MAX.toMillis());
        return sleeps(Duration.ofMillis(millis));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    // The job script would reject the argument and exit 1: model the container failing.
    return Run.failsAtStart("sleep_example.py: " + LabContract.SECONDS_PARAMETER
        + " must be a non-negative number, got '" + text + "'");
  }
}
