package batchlab.experiment;

import batchlab.batch.LabContract;
import batchlab.local.WorkloadModel;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The lab's job image as the emulator models it, argument for argument as {@code job-image/sleep_example.py}
 * behaves: it sleeps for its {@link LabContract#SECONDS_PARAMETER} parameter (the definition's default,
 * overridden by SubmitJob) and exits 0; without the parameter a job runs the default duration; a value
 * Python's {@code float()} cannot read, or one outside 0 to {@value LabContract#MAX_JOB_SECONDS}, makes the
 * script print one line and exit {@value LabContract#JOB_BAD_ARGUMENT_EXIT_CODE} at once. On SIGTERM
 * (a timeout or TerminateJob) the script exits at once with {@link LabContract#JOB_SIGTERM_EXIT_CODE}.
 */
public final class LabWorkload implements WorkloadModel {

  /** The lab's model with the contract's default of {@value LabContract#DEFAULT_JOB_SECONDS} s. */
  public static final LabWorkload DEFAULT = new LabWorkload(Duration.ofSeconds(LabContract.DEFAULT_JOB_SECONDS));

  /**
   * What Python's {@code float()} reads as a finite decimal number (digits may be grouped with single
   * underscores). Its other inputs (inf, nan) are outside the script's range anyway; Java-only forms
   * such as {@code 1d} or hex floats are not numbers to the script.
   */
  private static final Pattern PYTHON_FLOAT;

  static {
    String digits = "\\d(?:_?\\d)*";
    PYTHON_FLOAT = Pattern.compile("[+-]?(?:" + digits + "(?:\\.(?:" + digits + ")?)?|\\." + digits + ")"
        + "(?:[eE][+-]?" + digits + ")?");
  }

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
    String number = text.strip();
    if (PYTHON_FLOAT.matcher(number).matches()) {
      double seconds = Double.parseDouble(number.replace("_", ""));
      if (seconds >= 0 && seconds <= LabContract.MAX_JOB_SECONDS) {
        return sleeps(Duration.ofMillis(Math.round(seconds * 1000)));
      }
    }
    // The script's own line and exit status (its fail()): the container fails as soon as it runs.
    return Run.failsAtStart("sleep_example.py: SECONDS must be a number from 0 to " + LabContract.MAX_JOB_SECONDS
        + ", got " + pythonRepr(text), LabContract.JOB_BAD_ARGUMENT_EXIT_CODE);
  }

  /** How Python's {@code repr()} quotes a string (the script prints {@code {argv[1]!r}}). */
  static String pythonRepr(String text) {
    char quote = text.contains("'") && !text.contains("\"") ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.append(quote).toString();
  }
}
