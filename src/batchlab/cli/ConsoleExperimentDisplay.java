package batchlab.cli;

import batchlab.util.Durations;
import batchlab.experiment.ExperimentListener;
import batchlab.report.ComparisonRow;
import batchlab.report.ComparisonTable;
import batchlab.report.ReportRun;
import batchlab.run.JobState;
import batchlab.submit.SubmitListener;
import batchlab.watch.WatchListener;
import java.io.PrintWriter;

/**
 * The experiment on the terminal: a heading per run, then the same fan-out progress and live watch
 * line as {@code submit} and {@code watch}, then one line of result per run.
 */
final class ConsoleExperimentDisplay implements ExperimentListener {

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private ConsoleSubmitProgress progress;
  private ConsoleWatchDisplay display;

  ConsoleExperimentDisplay(PrintWriter out, PrintWriter err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void info(String line) {
    endLine();
    out.println(line);
    out.flush();
  }

  @Override
  public void runStarting(int number, int maxVcpus, int jobs) {
    endLine();
    out.println("== run " + number + ": max vCPU " + maxVcpus + ", " + jobs + (jobs == 1 ? " job" : " jobs") + " ==");
    out.flush();
  }

  @Override
  public SubmitListener submitListener() {
    progress = new ConsoleSubmitProgress(err, terminal);
    return progress;
  }

  @Override
  public WatchListener watchListener() {
    if (progress != null) {
      progress.close();
      progress = null;
    }
    display = new ConsoleWatchDisplay(out, err, terminal);
    return display;
  }

  @Override
  public void runFinished(ReportRun run) {
    endLine();
    ComparisonRow row = ComparisonRow.of(run);
    out.printf("run %d (max vCPU %d): %d of %d SUCCEEDED, %d at once, %d %s, makespan %s: %s%n", run.number(),
        run.maxVcpus(), run.summary().count(JobState.SUCCEEDED), row.jobs(), row.maxRunning(), row.waves(),
        row.waves() == 1 ? "wave" : "waves", Durations.seconds(row.makespan()),
        row.verdict());
    out.flush();
  }

  private void endLine() {
    if (display != null) {
      display.endLine();
      display = null;
    }
  }
}
