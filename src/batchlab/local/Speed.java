package batchlab.local;

import batchlab.util.BadInputException;
import java.util.Locale;

/**
 * How fast the emulator's virtual clock runs.
 *
 * <ul>
 *   <li>{@link #of(double)}: the clock starts at the real time and runs {@code factor} times faster
 *       than the wall clock (60 turns the article's five minutes into five seconds).
 *   <li>{@link #MAX}: the clock stands still while clients are talking to the emulator and jumps
 *       straight to the next scheduled event once the API has been quiet for a short grace period,
 *       so a simulation nobody interrupts finishes as fast as the event queue allows.
 *   <li>{@link #MANUAL}: the clock moves only when in-process code calls {@link
 *       BatchEmulator#advance}; the deterministic choice for tests.
 * </ul>
 */
public record Speed(Mode mode, double factor) {

  /** The clock's behaviour. */
  public enum Mode { SCALED, MAX, MANUAL }

  /** Upper bound for a scaled speed: beyond it a millisecond of real time is already hours. */
  public static final double MAX_FACTOR = 1_000_000;

  public static final Speed MAX = new Speed(Mode.MAX, Double.POSITIVE_INFINITY);
  public static final Speed MANUAL = new Speed(Mode.MANUAL, 0);
  public static final Speed DEFAULT = of(60);

  public Speed {
    if (mode == Mode.SCALED && !(factor > 0 && factor <= MAX_FACTOR)) {
      throw new BadInputException(
          "speed must be a number above 0 and at most " + (long) MAX_FACTOR + ", or max; got " + factor);
    }
  }

  /** A clock running {@code factor} times faster than real time. */
  public static Speed of(double factor) {
    return new Speed(Mode.SCALED, factor);
  }

  /** Parses the command-line spelling: a positive number or {@code max}. */
  public static Speed parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("max")) {
      return MAX;
    }
    try {
      return of(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "--speed must be a number above 0 and at most " + (long) MAX_FACTOR + ", or max; got '" + text + "'");
    }
  }

  /** Whether virtual time moves only when the emulator itself steps it (MAX and MANUAL). */
  public boolean stepped() {
    return mode != Mode.SCALED;
  }

  @Override
  public String toString() {
    return switch (mode) {
      case SCALED -> (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor)) + "x";
      case MAX -> "max";
      case MANUAL -> "manual";
    };
  }
}
