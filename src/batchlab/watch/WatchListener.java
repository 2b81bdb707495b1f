package batchlab.watch;

import batchlab.run.Sample;
import java.time.Duration;

/** Hears how a watch goes (the live display). */
public interface WatchListener {

  WatchListener NONE = new WatchListener() {};

  /**
   * After each poll.
   *
   * @param elapsed wall time since the run began
   * @param jobs jobs being watched
   */
  default void polled(Sample sample, Duration elapsed, int jobs) {}

  /** Something could not be watched (e.g. no permission to list ECS instances); the watch goes on. */
  default void warned(String warning) {}

  /** Every job finished; the watch now follows the {@code instances} the run used until they scale in. */
  default void followingScaleIn(int instances) {}

  /** After each poll while following scale-in. */
  default void scaleInPolled() {}

  /** {@code jobs} unfinished jobs were terminated on exit (--cancel-on-exit). */
  default void cancelled(int jobs) {}
}
