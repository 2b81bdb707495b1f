package batchlab.experiment;

import batchlab.report.ReportContent;
import batchlab.report.ReportFiles;
import batchlab.report.ReportRun;
import batchlab.run.Outcome;

/**
 * The experiment's report content and the files it was written to; for a scenario, its verdict (null
 * for the article's runs, and when the scenario's run did not complete).
 */
public record ExperimentResult(ReportContent content, ReportFiles files, ScenarioCheck.Verdict scenarioVerdict) {

  public ExperimentResult(ReportContent content, ReportFiles files) {
    this(content, files, null);
  }

  /** Whether every run ran to the end and every job SUCCEEDED. */
  public boolean allSucceeded() {
    return !content.partial() && content.runs().stream().map(ReportRun::summary)
        .allMatch(s -> s.outcome() == Outcome.COMPLETED && s.failed().isEmpty());
  }

  /** Whether the experiment stopped because the user asked it to (Ctrl-C). */
  public boolean interrupted() {
    return content.partial() && content.partialReason().startsWith(Experiment.INTERRUPTED);
  }
}
