package batchlab.local;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The emulator's notion of "now" in epoch milliseconds. Every timestamp the API returns comes from
 * here.
 *
 * <p>The clock runs at its base rate (a scaled speed: N times real time; MAX: it jumps from event to
 * event, moved by the simulation; MANUAL: moved only by the caller) except while it is <em>held</em>
 * by a client's state-changing call ({@link #hold}): for the hold window after such a call it runs
 * at real speed (1x), so the virtual gap between a client's calls equals their real gap however fast
 * or slow the client is. MANUAL clocks are never held.
 *
 * <p>Real time comes from a ticker in nanoseconds ({@link System#nanoTime} by default; tests pass
 * their own so they never sleep).
 */
final class VirtualClock {

  private static final long NANOS_PER_MILLI = 1_000_000;

  private final Speed speed;
  private final LongSupplier ticker;
  private final long holdNanos;
  // The clock is piecewise linear: from anchorReal it ran at 1x until holdUntilReal, then at the base
  // rate. Virtual time is kept in nanoseconds so re-anchoring on every call loses nothing.
  private long anchorReal;
  private long anchorVirtualNanos;
  private long holdUntilReal;
  /** Where the simulation has stepped a MAX or MANUAL clock to (virtual epoch ms). */
  private volatile long steppedNow;

  VirtualClock(Speed speed, long startEpochMillis, Duration hold, LongSupplier ticker) {
    this.speed = speed;
    this.ticker = ticker;
    this.holdNanos = speed.mode() == Speed.Mode.MANUAL ? 0 : hold.toNanos();
    this.anchorReal = ticker.getAsLong();
    this.anchorVirtualNanos = startEpochMillis * NANOS_PER_MILLI;
    this.holdUntilReal = anchorReal;
    this.steppedNow = startEpochMillis;
  }

  VirtualClock(Speed speed, long startEpochMillis) {
    this(speed, startEpochMillis, Duration.ZERO, System::nanoTime);
  }

  Speed speed() {
    return speed;
  }

  /** The real-time source, in nanoseconds. */
  long realNanos() {
    return ticker.getAsLong();
  }

  long now() {
    if (holdNanos == 0 && speed.stepped()) {
      return steppedNow; // never held: no lock on the hot path
    }
    synchronized (this) {
      return nowAt(ticker.getAsLong());
    }
  }

  private long nowAt(long real) {
    long paced = pacedNanosAt(real) / NANOS_PER_MILLI;
    return speed.stepped() ? Math.max(steppedNow, paced) : paced;
  }

  /** The piecewise-linear part: 1x up to the end of the hold, then the scaled rate (stepped: none). */
  private long pacedNanosAt(long real) {
    long split = Math.min(Math.max(real, anchorReal), Math.max(holdUntilReal, anchorReal));
    long virtual = anchorVirtualNanos + (split - anchorReal);
    if (real > split && !speed.stepped()) {
      virtual += (long) ((real - split) * speed.factor());
    }
    return virtual;
  }

  /**
   * A client's state-changing call arrived or ended: the clock runs at real speed for the hold
   * window from now. No-op (false) for MANUAL clocks and when the hold window is zero.
   */
  boolean hold() {
    if (holdNanos == 0) {
      return false;
    }
    synchronized (this) {
      long real = ticker.getAsLong();
      anchorVirtualNanos = Math.max(pacedNanosAt(real), nowAt(real) * NANOS_PER_MILLI);
      anchorReal = real;
      holdUntilReal = real + holdNanos;
      return true;
    }
  }

  /** Whether a client's call holds the clock at real speed right now. */
  boolean holding() {
    if (holdNanos == 0) {
      return false;
    }
    synchronized (this) {
      return ticker.getAsLong() < holdUntilReal;
    }
  }

  /**
   * Whether the simulation moves the clock by stepping from event to event: MANUAL always, MAX
   * except while held (then it runs at 1x like a scaled clock).
   */
  boolean stepping() {
    return speed.mode() == Speed.Mode.MANUAL || (speed.mode() == Speed.Mode.MAX && !holding());
  }

  /** Moves a stepped clock forward to {@code epochMillis}; a scaled clock ignores it. */
  void moveTo(long epochMillis) {
    if (speed.stepped() && epochMillis > steppedNow) {
      steppedNow = epochMillis;
    }
  }

  /**
   * Real milliseconds until the clock reaches {@code epochMillis} at its current pace (0 when already
   * there). A MAX clock past its hold is stepped, not waited for: the answer is then the time left
   * in the hold (0 when not held).
   */
  synchronized long realMillisUntil(long epochMillis) {
    long real = ticker.getAsLong();
    long gapNanos = (epochMillis - nowAt(real)) * NANOS_PER_MILLI;
    if (gapNanos <= 0) {
      return 0;
    }
    long heldNanos = Math.max(0, holdUntilReal - real);
    long realNanos;
    if (gapNanos <= heldNanos) {
      realNanos = gapNanos;
    } else if (speed.stepped()) {
      realNanos = heldNanos;
    } else {
      realNanos = heldNanos + (long) Math.ceil((gapNanos - heldNanos) / speed.factor());
    }
    return realNanos == 0 ? 0 : Math.max(1, (realNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
  }
}
