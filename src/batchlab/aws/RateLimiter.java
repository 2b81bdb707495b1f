package batchlab.aws;

import batchlab.util.BadInputException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Client-side token bucket for SubmitJob: at most {@code perSecond} calls per second with bursts of
 * at most {@code burst}. Each caller reserves the next free slot and sleeps until it, so callers are
 * served in order and the long-run rate never exceeds the quota (AWS: 50 SubmitJob/s per account
 * and Region, fixed). Burst 1 spaces calls evenly, which never trips a server-side bucket.
 */
public final class RateLimiter {

  private static final RateLimiter UNLIMITED = new RateLimiter(Double.POSITIVE_INFINITY, 1);

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long lastRefillNanos;

  public RateLimiter(double perSecond, int burst) {
    this(perSecond, burst, System::nanoTime);
  }

  RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
    if (!(perSecond > 0) || burst < 1) {
      throw new BadInputException("--rate must be a positive number of calls per second, got " + perSecond);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.nanoTime = nanoTime;
    this.lastRefillNanos = nanoTime.getAsLong();
  }

  public static RateLimiter unlimited() {
    return UNLIMITED;
  }

  public double perSecond() {
    return perSecond;
  }

  public boolean isUnlimited() {
    return Double.isInfinite(perSecond);
  }

  /** Waits for a permit; false if {@code stop} was requested meanwhile (no permit is then used). */
  public boolean acquire(StopSignal stop) {
    if (isUnlimited()) {
      return !stop.isStopRequested();
    }
    return stop.sleep(reserve());
  }

  /** Takes a token now or reserves a future one; returns how long to wait for it. */
  synchronized Duration reserve() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - lastRefillNanos) * perSecond / 1e9);
    lastRefillNanos = now;
    tokens -= 1;
    return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / perSecond * 1e9));
  }
}
