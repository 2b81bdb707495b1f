package batchlab.plan;

import batchlab.util.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the jobs are submitted ({@code --arrival}): all at once (the article's fan-out), at a fixed
 * rate, as a Poisson process, or at the times of a file. Times are milliseconds from the first
 * submit.
 */
public sealed interface Arrivals {

  /** A bound well past lab use that still catches a slipped digit: one year of submit times. */
  double MAX_SECONDS = 365 * 86_400.0;
  Pattern RATE = Pattern.compile("(rate|poisson):([0-9]*\\.?[0-9]+)/(s|min|h)");
  String ALLOWED = "all, rate:N/min, poisson:N/min (per s, min or h) or a file of submit times in seconds";

  /** The submit times of {@code jobs} jobs, ascending, drawn from {@code random} where random. */
  long[] submitMillis(int jobs, SplittableRandom random);

  /** Jobs per second of a continuous arrival process; empty for a burst or a finite file. */
  OptionalDouble ratePerSecond();

  /** The number of jobs the arrivals fix (a file's lines); 0 when any number can arrive. */
  default int jobs() {
    return 0;
  }

  /** How the workload line and summary.json describe it. */
  String describe();

  /** Every job at time 0: the article's fan-out. */
  record AllAtOnce() implements Arrivals {
    public long[] submitMillis(int jobs, SplittableRandom random) {
      return new long[jobs];
    }

    public OptionalDouble ratePerSecond() {
      return OptionalDouble.empty();
    }

    public String describe() {
      return "all submitted at once";
    }
  }

  /** One job every 1/rate seconds. */
  record Rate(double perSecond, String spec) implements Arrivals {
    public long[] submitMillis(int jobs, SplittableRandom random) {
      long[] at = new long[jobs];
      for (int i = 0; i < jobs; i++) {
        at[i] = Math.round(i * 1000.0 / perSecond);
      }
      return at;
    }

    public OptionalDouble ratePerSecond() {
      return OptionalDouble.of(perSecond);
    }

    public String describe() {
      return "submitted at a fixed rate of " + spec;
    }
  }

  /** A Poisson process: exponential gaps with mean 1/rate, the first job at time 0. */
  record Poisson(double perSecond, String spec) implements Arrivals {
    public long[] submitMillis(int jobs, SplittableRandom random) {
      long[] at = new long[jobs];
      double t = 0;
      for (int i = 1; i < jobs; i++) {
        t += -Math.log(1 - random.nextDouble()) / perSecond;
        at[i] = Math.round(t * 1000);
      }
      return at;
    }

    public OptionalDouble ratePerSecond() {
      return OptionalDouble.of(perSecond);
    }

    public String describe() {
      return "submitted as a Poisson process of " + spec;
    }
  }

  /** The submit times of a file, shifted so that the first is 0: one job per line. */
  record FromFile(Path file, long[] times) implements Arrivals {
    public long[] submitMillis(int jobs, SplittableRandom random) {
      return times.clone();
    }

    public OptionalDouble ratePerSecond() {
      return OptionalDouble.empty();
    }

    @Override
    public int jobs() {
      return times.length;
    }

    public String describe() {
      return "submitted at the times of " + file;
    }
  }

  /** Parses {@code --arrival}; a bad spec or file fails in one line naming it (and the line). */
  static Arrivals parse(String spec) {
    String text = spec.strip();
    if (text.equalsIgnoreCase("all")) {
      return new AllAtOnce();
    }
    Matcher m = RATE.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double perUnit = Double.parseDouble(m.group(2));
      double perSecond = perUnit / switch (m.group(3)) {
        case "s" -> 1.0;
        case "min" -> 60.0;
        default -> 3600.0;
      };
      if (!(perSecond > 0) || perSecond > 1000) {
        throw new BadInputException("--arrival " + spec + ": the rate must be above 0 and at most 1000 jobs per second");
      }
      String rate = NumberFile.number(perUnit) + "/" + m.group(3);
      return m.group(1).equals("rate") ? new Rate(perSecond, rate) : new Poisson(perSecond, rate);
    }
    Path file = Path.of(text);
    if (text.contains(":") || !Files.isRegularFile(file)) {
      throw new BadInputException("--arrival " + spec + ": not a known arrival and no such file (allowed: " + ALLOWED + ")");
    }
    double[] seconds = NumberFile.seconds("--arrival", file, NumberFile.lines("--arrival", file),
        "submit times in seconds from the start, ascending", 0, MAX_SECONDS);
    long[] at = new long[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      if (i > 0 && seconds[i] < seconds[i - 1]) {
        throw new BadInputException("--arrival " + file + ": submit time " + NumberFile.number(seconds[i])
            + " comes after " + NumberFile.number(seconds[i - 1]) + " (allowed: ascending submit times in seconds)");
      }
      at[i] = Math.round((seconds[i] - seconds[0]) * 1000);
    }
    return new FromFile(file, at);
  }

}
