package batchlab.run;

import java.util.List;

/**
 * What {@link RunStore#saveResult} writes after a watch: the run's attempts go to {@code timeline.csv} and
 * its summary, serialised as JSON by its own type, to {@code summary.json}. The watcher's result implements
 * it, so this package needs nothing of the watcher or the analysis.
 */
public interface WatchedRun {

  RunRecord run();

  List<JobAttempt> attempts();

  /** The run's summary, written as {@code summary.json}. */
  Object summary();

  /** What the watch recorded for calibration, written as {@code observations.json}. */
  default Observations observations() {
    return Observations.NONE;
  }
}
