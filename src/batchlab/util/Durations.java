package batchlab.util;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Durations as people read them, in every output of batch-lab (never ISO-8601's {@code PT55M42S}): one
 * place, so a table, a verdict, a message and a status line say the same time the same way.
 */
public final class Durations {

  private Durations() {}

  /** Seconds, with one decimal when not whole: "300 s", "97.5 s"; "-" when unknown. For tables and verdicts. */
  public static String seconds(Duration d) {
    if (d == null) {
      return "-";
    }
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /**
   * Hours, minutes and seconds, leaving out the zero parts: "0 s", "42 s", "0.5 s", "55 min 42 s",
   * "1 h 5 min"; below a minute as {@link #seconds}, above it to the whole second.
   */
  public static String words(Duration d) {
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      return seconds(d);
    }
    long s = d.toSeconds();
    List<String> parts = new ArrayList<>();
    if (s >= 3600) {
      parts.add(s / 3600 + " h");
    }
    if (s / 60 % 60 > 0) {
      parts.add(s / 60 % 60 + " min");
    }
    if (s % 60 > 0) {
      parts.add(s % 60 + " s");
    }
    return String.join(" ", parts);
  }

  /** A compact, fixed-format clock for status lines: 75 s as 1m15s, 3725 s as 1h02m05s. */
  public static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
