package batchlab.submit;

import batchlab.aws.Backoff;
import batchlab.aws.RateLimiter;
import batchlab.batch.BatchLimits;
import batchlab.util.BadInputException;
import java.time.Duration;

/**
 * How to fan out.
 *
 * @param rate SubmitJob calls per second; null for the default: 50 (the fixed AWS quota), unlimited
 *     against a loopback endpoint (the emulator has no quota unless told to)
 * @param maxInFlight SubmitJob calls in flight at once
 * @param backoff retry timing for 429s, 5xx and timeouts
 * @param journalFlush how often confirmed jobs are written to jobs.json
 */
public record SubmitOptions(Double rate, int maxInFlight, Backoff backoff, Duration journalFlush) {

  public SubmitOptions {
    if (rate != null && !(rate > 0)) {
      throw new BadInputException("--rate " + rate + " is not valid: use a positive number of SubmitJob calls per second");
    }
    if (maxInFlight < 1 || maxInFlight > 256) {
      throw new BadInputException("--max-in-flight " + maxInFlight + " is out of range: use 1 to 256");
    }
  }

  public static SubmitOptions defaults() {
    return new SubmitOptions(null, 16, Backoff.DEFAULT, Duration.ofMillis(100));
  }

  public SubmitOptions withRate(Double rate) {
    return new SubmitOptions(rate, maxInFlight, backoff, journalFlush);
  }

  public SubmitOptions withMaxInFlight(int maxInFlight) {
    return new SubmitOptions(rate, maxInFlight, backoff, journalFlush);
  }

  public SubmitOptions withBackoff(Backoff backoff) {
    return new SubmitOptions(rate, maxInFlight, backoff, journalFlush);
  }

  /** The limiter for a fan-out to this endpoint. */
  RateLimiter limiter(boolean loopback) {
    if (rate != null) {
      return new RateLimiter(rate, 1);
    }
    return loopback ? RateLimiter.unlimited() : new RateLimiter(BatchLimits.SUBMIT_JOB_TPS, 1);
  }
}
