package batchlab.local;

import java.time.Duration;

/**
 * Sums on the virtual clock's epoch milliseconds that cannot overflow: a delay too large for a
 * long saturates at {@link Long#MAX_VALUE} ("never"), instead of wrapping to a time in the past,
 * which would make the event fire at once.
 */
final class ClockMath {

  private ClockMath() {}

  /** {@code epochMillis + delay}, at most {@link Long#MAX_VALUE}; a negative delay counts as zero. */
  static long plus(long epochMillis, Duration delay) {
    if (delay.isNegative()) {
      return epochMillis;
    }
    long millis;
    try {
      millis = delay.toMillis();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
    return plus(epochMillis, millis);
  }

  /** {@code epochMillis + delayMillis}, at most {@link Long#MAX_VALUE}. */
  static long plus(long epochMillis, long delayMillis) {
    long sum = epochMillis + delayMillis;
    return delayMillis > 0 && sum < epochMillis ? Long.MAX_VALUE : sum;
  }
}
