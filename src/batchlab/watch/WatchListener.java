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

  /** {@code jobs} unfinished jobs were terminated on exit (--cancel-on-exit). */
  default void cancelled(int jobs) {}
}
