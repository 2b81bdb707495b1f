package batchlab.experiment;

import batchlab.report.ReportRun;
import batchlab.submit.SubmitListener;
import batchlab.watch.WatchListener;

/** Hears how the experiment goes (the terminal display). */
public interface ExperimentListener {

  ExperimentListener NONE = new ExperimentListener() {};

  /** A line of progress worth showing ("waiting for scale-in ..."). */
  default void info(String line) {}

  /** Before run {@code number} (1-based) deploys or applies its maxvCpus. */
  default void runStarting(int number, int maxVcpus, int jobs) {}

  /** Hears the run's fan-out. */
  default SubmitListener submitListener() {
    return SubmitListener.NONE;
  }

  /** Hears the run's watch. */
  default WatchListener watchListener() {
    return WatchListener.NONE;
  }

  /** After a run's watch ended (completed, timed out or interrupted). */
  default void runFinished(ReportRun run) {}
}
