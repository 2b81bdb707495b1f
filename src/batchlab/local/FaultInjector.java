package batchlab.local;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which API requests fail on purpose: a share throttled (429 TooManyRequestsException), a
 * share failing (500 ServerException), and SubmitJob calls beyond the per-second quota (429, as
 * AWS enforces its 50 TPS SubmitJob quota). Draw n is a pure function of the seed and n, so the
 * same request sequence meets the same faults.
 */
final class FaultInjector {

  private final Faults faults;
  private final long seed;
  private final AtomicLong requests = new AtomicLong();
  private double submitTokens;
  private long lastRefillNanos = System.nanoTime();

  FaultInjector(Faults faults, long seed) {
    this.faults = faults;
    this.seed = seed;
    this.submitTokens = faults.submitTps();
  }

  /** The injected failure for the next request, or null to serve it normally. */
  ApiException nextFault(boolean submitJob) {
    if (faults.throttleRate() > 0 || faults.errorRate() > 0) {
      double draw = new SplittableRandom(seed ^ (requests.getAndIncrement() * 0x9E3779B97F4A7C15L)).nextDouble();
      if (draw < faults.throttleRate()) {
        return ApiException.throttled();
      }
      if (draw < faults.throttleRate() + faults.errorRate()) {
        return ApiException.server("Injected fault (--error-rate): the emulator failed this request on purpose");
      }
    }
    if (submitJob && faults.submitTps() > 0 && !takeSubmitToken()) {
      return ApiException.throttled();
    }
    return null;
  }

  /** Token bucket holding at most one second of quota, refilled continuously in real time. */
  private synchronized boolean takeSubmitToken() {
    long nowNanos = System.nanoTime();
    submitTokens = Math.min(faults.submitTps(),
        submitTokens + (nowNanos - lastRefillNanos) / 1e9 * faults.submitTps());
    lastRefillNanos = nowNanos;
    if (submitTokens >= 1) {
      submitTokens -= 1;
      return true;
    }
    return false;
  }
}
