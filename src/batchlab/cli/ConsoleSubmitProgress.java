package batchlab.cli;

import batchlab.run.RunRecord;
import batchlab.run.SubmittedJob;
import batchlab.submit.SubmitListener;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows a fan-out: warnings on stderr, and a progress bar (on a terminal) for large fan-outs. */
final class ConsoleSubmitProgress implements SubmitListener, AutoCloseable {

  /** Below this many calls the fan-out takes well under a second on AWS's quota: no bar. */
  static final int BAR_THRESHOLD = 50;

  private final PrintWriter err;
  private final boolean terminal;
  private volatile ProgressBar bar;

  ConsoleSubmitProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void warned(String warning) {
    err.println("batch-lab: warning: " + warning);
    err.flush();
  }

  @Override
  public void started(RunRecord run, int toSubmit) {
    if (terminal && toSubmit >= BAR_THRESHOLD) {
      bar = new ProgressBarBuilder()
          .setTaskName("submit " + run.runId())
          .setInitialMax(run.expectedSubmissions())
          .startsFrom(run.expectedSubmissions() - toSubmit, java.time.Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(" jobs", 1)
          .showSpeed()
          .setSpeedUnit(ChronoUnit.SECONDS)
          .setUpdateIntervalMillis(100)
          .build();
    }
  }

  @Override
  public void confirmed(SubmittedJob job, int confirmed, int total) {
    ProgressBar current = bar;
    if (current != null) {
      current.stepTo(confirmed);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
