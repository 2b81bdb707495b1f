package batchlab.submit;

import batchlab.analysis.Prediction;
import batchlab.run.RunRecord;
import java.time.Duration;
import java.util.List;

/**
 * What {@link Submitter#submit} or {@link Submitter#resume} did.
 *
 * @param run the run record as saved (every confirmed job)
 * @param warnings preflight warnings (e.g. jobs that would sit RUNNABLE forever)
 * @param prediction what the compute environment's settings predict; null if unknown
 * @param stats calls made, retried, adopted
 * @param elapsed wall time of the fan-out
 * @param interrupted whether a stop request ended it before every job was confirmed
 */
public record SubmitResult(RunRecord run, List<String> warnings, Prediction prediction, FanOutStats stats,
    Duration elapsed, boolean interrupted) {

  public SubmitResult {
    warnings = List.copyOf(warnings);
  }
}
