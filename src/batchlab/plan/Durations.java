package batchlab.plan;

import batchlab.util.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each job runs ({@code --seconds}, {@code --durations}): fixed, the values of a file (in
 * order, repeated from the top when there are more jobs), or drawn from an exponential or a
 * log-normal distribution. Draws are in whole milliseconds.
 */
public sealed interface Durations {

  /** A bound well past lab use that still catches a slipped digit: a year-long job. */
  double MAX_SECONDS = 365 * 86_400.0;
  Pattern EXP = Pattern.compile("exp:([0-9]*\\.?[0-9]+)");
  Pattern LOGNORMAL = Pattern.compile("lognormal:([0-9]*\\.?[0-9]+),([0-9]*\\.?[0-9]+)");
  String ALLOWED = "SECONDS, exp:MEAN, lognormal:MEDIAN,SIGMA (seconds; SIGMA of the log), "
      + "a file of seconds, or a past run's timeline.csv";

  /** Each job's run time, drawn from {@code random} where random. */
  long[] runMillis(int jobs, SplittableRandom random);

  /** The mean run time: what the offered load multiplies the arrival rate by. */
  double meanSeconds();

  /** The shortest run any job can have: a deadline below it cannot be met. */
  double shortestSeconds();

  /** The number of jobs the durations come with (a file's values); 0 when drawn or fixed. */
  default int jobs() {
    return 0;
  }

  String describe();

  /** Every job runs {@code seconds}. */
  record Fixed(double seconds) implements Durations {
    public long[] runMillis(int jobs, SplittableRandom random) {
      long[] millis = new long[jobs];
      Arrays.fill(millis, Math.round(seconds * 1000));
      return millis;
    }

    public double meanSeconds() {
      return seconds;
    }

    public double shortestSeconds() {
      return seconds;
    }

    public String describe() {
      return NumberFile.number(seconds) + " s each";
    }
  }

  /** Exponential run times of mean {@code mean} seconds (inverse transform). */
  record Exponential(double mean) implements Durations {
    public long[] runMillis(int jobs, SplittableRandom random) {
      long[] millis = new long[jobs];
      for (int i = 0; i < jobs; i++) {
        millis[i] = Math.round(Math.min(MAX_SECONDS, -Math.log(1 - random.nextDouble()) * mean) * 1000);
      }
      return millis;
    }

    public double meanSeconds() {
      return mean;
    }

    public double shortestSeconds() {
      return 0;
    }

    public String describe() {
      return "exponential run times of mean " + NumberFile.number(mean) + " s";
    }
  }

  /** Log-normal run times: exp(ln(median) + sigma x Z), Z standard normal; mean median x e^(sigma^2/2). */
  record LogNormal(double median, double sigma) implements Durations {
    public long[] runMillis(int jobs, SplittableRandom random) {
      long[] millis = new long[jobs];
      for (int i = 0; i < jobs; i++) {
        double z = gaussian(random);
        millis[i] = Math.round(Math.min(MAX_SECONDS, median * Math.exp(sigma * z)) * 1000);
      }
      return millis;
    }

    /** Box-Muller, so that a draw depends only on the seed, not on a JDK's Gaussian method. */
    private static double gaussian(SplittableRandom random) {
      double u = 1 - random.nextDouble();
      double v = random.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    public double meanSeconds() {
      return median * Math.exp(sigma * sigma / 2);
    }

    public double shortestSeconds() {
      return 0;
    }

    public String describe() {
      return "log-normal run times of median " + NumberFile.number(median) + " s, sigma " + NumberFile.number(sigma);
    }
  }

  /** The run times of a file (or a past run), in order, repeated from the first when jobs outnumber them. */
  record FromFile(String source, double[] seconds) implements Durations {
    public long[] runMillis(int jobs, SplittableRandom random) {
      long[] millis = new long[jobs];
      for (int i = 0; i < jobs; i++) {
        millis[i] = Math.round(seconds[i % seconds.length] * 1000);
      }
      return millis;
    }

    public double meanSeconds() {
      return Arrays.stream(seconds).average().orElseThrow();
    }

    public double shortestSeconds() {
      return Arrays.stream(seconds).min().orElseThrow();
    }

    @Override
    public int jobs() {
      return seconds.length;
    }

    public String describe() {
      return "run times of " + source;
    }
  }

  /** {@code --seconds S}. */
  static Durations fixed(int seconds) {
    if (seconds < 1) {
      throw new BadInputException("--seconds " + seconds + " must be 1 or more");
    }
    return new Fixed(seconds);
  }

  /** The run times a past run recorded, e.g. its timeline.csv's SUCCEEDED attempts. */
  public static Durations ofRun(Path file, double[] seconds) {
    if (seconds.length == 0) {
      throw new BadInputException("--durations " + file + ": the run has no SUCCEEDED attempt to take a run time from");
    }
    return new FromFile(file.toString(), seconds.clone());
  }

  /** Parses {@code --durations}; a bad spec or file fails in one line naming it (and the line). */
  static Durations parse(String spec) {
    String text = spec.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    Double fixed = number(lower.startsWith("fixed:") ? lower.substring(6) : lower);
    if (fixed != null) {
      positive(spec, "the run time", fixed);
      return new Fixed(fixed);
    }
    Matcher exp = EXP.matcher(lower);
    if (exp.matches()) {
      double mean = Double.parseDouble(exp.group(1));
      positive(spec, "MEAN", mean);
      return new Exponential(mean);
    }
    Matcher log = LOGNORMAL.matcher(lower);
    if (log.matches()) {
      double median = Double.parseDouble(log.group(1));
      double sigma = Double.parseDouble(log.group(2));
      positive(spec, "MEDIAN", median);
      if (sigma > 5) {
        throw new BadInputException("--durations " + spec + ": SIGMA " + NumberFile.number(sigma)
            + " is outside 0..5 (the log's standard deviation; 1 is already a long tail)");
      }
      return new LogNormal(median, sigma);
    }
    Path file = Path.of(text);
    if (text.contains(":") || !Files.isRegularFile(file)) {
      throw new BadInputException("--durations " + spec + ": not a known duration and no such file (allowed: " + ALLOWED + ")");
    }
    return new FromFile(file.toString(), NumberFile.seconds("--durations", file, NumberFile.lines("--durations", file),
        "run times in seconds", 0.001, MAX_SECONDS));
  }

  private static Double number(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException notANumber) {
      return null; // one of the named distributions, or a file
    }
  }

  private static void positive(String spec, String what, double seconds) {
    if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
      throw new BadInputException("--durations " + spec + ": " + what + " must be above 0 and at most "
          + NumberFile.number(MAX_SECONDS) + " seconds");
    }
  }
}
