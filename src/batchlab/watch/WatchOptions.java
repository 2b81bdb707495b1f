package batchlab.watch;

import batchlab.util.BadInputException;
import batchlab.util.Durations;
import java.time.Duration;

/**
 * How to watch.
 *
 * @param interval time between polls
 * @param timeout stop watching after this long (wall time); null to wait until every job finished
 * @param cancelOnExit on a timeout or interruption, terminate the jobs not finished yet
 */
public record WatchOptions(Duration interval, Duration timeout, boolean cancelOnExit) {

  public WatchOptions {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new BadInputException("--interval " + (interval == null ? "none" : Durations.words(interval)) + " is not valid: use a positive duration such as 5s or 500ms");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new BadInputException("--timeout " + Durations.words(timeout) + " is not valid: use a positive duration such as 10m");
    }
  }

  /** Poll every 5 s until every job finished; leave jobs alone on exit. */
  public static WatchOptions defaults() {
    return new WatchOptions(Duration.ofSeconds(5), null, false);
  }
}
