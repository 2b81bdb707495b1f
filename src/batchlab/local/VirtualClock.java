package batchlab.local;

/**
 * The emulator's notion of "now" in epoch milliseconds. Every timestamp the API returns comes from
 * here. A scaled clock derives the time from the monotonic wall clock; a stepped clock (MAX, MANUAL)
 * holds the time the simulation has reached and is moved forward only by the simulation.
 */
final class VirtualClock {

  private final Speed speed;
  private final long originMillis;
  private final long originNanos;
  private volatile long steppedNow;

  VirtualClock(Speed speed, long startEpochMillis) {
    this.speed = speed;
    this.originMillis = startEpochMillis;
    this.originNanos = System.nanoTime();
    this.steppedNow = startEpochMillis;
  }

  Speed speed() {
    return speed;
  }

  long now() {
    if (speed.stepped()) {
      return steppedNow;
    }
    double realMillis = (System.nanoTime() - originNanos) / 1_000_000.0;
    return originMillis + (long) (realMillis * speed.factor());
  }

  /** Moves a stepped clock forward to {@code epochMillis}; a scaled clock ignores it. */
  void moveTo(long epochMillis) {
    if (speed.stepped() && epochMillis > steppedNow) {
      steppedNow = epochMillis;
    }
  }

  /** Real milliseconds until a scaled clock reaches {@code epochMillis} (0 when already there). */
  long realMillisUntil(long epochMillis) {
    long virtualGap = epochMillis - now();
    if (virtualGap <= 0) {
      return 0;
    }
    return Math.max(1, (long) Math.ceil(virtualGap / speed.factor()));
  }
}
