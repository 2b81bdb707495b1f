package batchlab.aws;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * before retry n (0-based) wait a random time in [0, min(cap, base x 2^n)], so clients throttled
 * together do not retry together.
 *
 * @param base the first retry's upper bound
 * @param cap the largest upper bound
 * @param maxAttempts attempts in all, the first included
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {

  /** 50 ms doubling to 5 s, 10 attempts: rides out a few seconds of throttling at the 50/s quota. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 10);

  public Backoff {
    if (base.isNegative() || cap.compareTo(base) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException("backoff needs 0 <= base <= cap and maxAttempts >= 1, got " + base + ", "
          + cap + ", " + maxAttempts);
    }
  }

  /** The wait before retry {@code retry} (0 for the first retry). */
  public Duration delay(int retry) {
    long ceiling = base.toMillis() << Math.min(retry, 30);
    long bound = Math.min(cap.toMillis(), ceiling < 0 ? Long.MAX_VALUE : ceiling);
    return Duration.ofMillis(bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
  }
}
