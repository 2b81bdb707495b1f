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
 * @param followScaleIn after every job finished, keep polling the instances (ECS only, no job calls)
 *     until every instance the run used has left its cluster, for at most this long (wall time), so
 *     the observations record idle scale-in; null to stop when the jobs finish
 */
public record WatchOptions(Duration interval, Duration timeout, boolean cancelOnExit, Duration followScaleIn) {

  public WatchOptions {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new BadInputException("--interval " + (interval == null ? "none" : Durations.words(interval)) + " is not valid: use a positive duration such as 5s or 500ms");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new BadInputException("--timeout " + Durations.words(timeout) + " is not valid: use a positive duration such as 10m");
    }
    if (followScaleIn != null && (followScaleIn.isNegative() || followScaleIn.isZero())) {
      throw new BadInputException("--follow-scale-in " + followScaleIn
          + " is not valid: use a positive duration such as 15m");
    }
  }

  public WatchOptions(Duration interval, Duration timeout, boolean cancelOnExit) {
    this(interval, timeout, cancelOnExit, null);
  }

  /** The same options, following scale-in for at most {@code limit} after the jobs finished. */
  public WatchOptions followingScaleIn(Duration limit) {
    return new WatchOptions(interval, timeout, cancelOnExit, limit);
  }

  /** Poll every 5 s until every job finished; leave jobs alone on exit. */
  public static WatchOptions defaults() {
    return new WatchOptions(Duration.ofSeconds(5), null, false);
  }
}
