package batchlab.watch;

import batchlab.analysis.RunSummary;
import batchlab.run.JobAttempt;
import batchlab.run.Observations;
import batchlab.run.Outcome;
import batchlab.run.RunRecord;
import batchlab.run.Sample;
import batchlab.run.WatchedRun;
import java.util.List;

/**
 * Everything a watch produced: the attempts (one lane per job in a timeline chart), the samples
 * (RUNNING jobs and instances over time), the summary and the observations for calibration.
 */
public record WatchResult(RunRecord run, List<JobAttempt> attempts, List<Sample> samples, RunSummary summary,
    Observations observations) implements WatchedRun {

  public WatchResult {
    attempts = List.copyOf(attempts);
    samples = List.copyOf(samples);
    observations = observations == null ? Observations.NONE : observations;
  }

  public WatchResult(RunRecord run, List<JobAttempt> attempts, List<Sample> samples, RunSummary summary) {
    this(run, attempts, samples, summary, Observations.NONE);
  }

  public Outcome outcome() {
    return summary.outcome();
  }
}
