package batchlab.cli;

import batchlab.run.JobState;
import batchlab.run.Sample;
import batchlab.watch.StatusLine;
import batchlab.watch.WatchListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * The watch display: on a terminal one line rewritten in place after each poll; otherwise (a pipe,
 * a CI log) a plain line whenever the counts change, and at least once a minute.
 */
final class ConsoleWatchDisplay implements WatchListener {

  private static final Duration QUIET_LINE_EVERY = Duration.ofMinutes(1);

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private Map<JobState, Integer> lastCounts;
  private int lastInstances = -1;
  private int lastUnknown = -1;
  private long lastPrinted;
  private boolean lineOpen;

  ConsoleWatchDisplay(PrintWriter out, PrintWriter err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void polled(Sample sample, Duration elapsed, int jobs) {
    String line = StatusLine.format(sample, elapsed, jobs);
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      lineOpen = true;
    } else {
      long now = System.nanoTime();
      boolean changed = !sample.counts().equals(lastCounts) || sample.instances() != lastInstances
          || sample.unknown() != lastUnknown;
      if (changed || now - lastPrinted >= QUIET_LINE_EVERY.toNanos()) {
        out.println(line);
        lastCounts = sample.counts();
        lastInstances = sample.instances();
        lastUnknown = sample.unknown();
        lastPrinted = now;
      }
    }
    out.flush();
  }

  @Override
  public void warned(String warning) {
    endLine();
    err.println("batch-lab: warning: " + warning);
    err.flush();
  }

  @Override
  public void followingScaleIn(int instances) {
    endLine();
    out.println("all jobs finished; following the run's " + instances + (instances == 1 ? " instance" : " instances")
        + " until they scale in (for calibration)");
    out.flush();
  }

  @Override
  public void cancelled(int jobs) {
    endLine();
    out.println("terminated " + jobs + " unfinished " + (jobs == 1 ? "job" : "jobs") + " (--cancel-on-exit)");
  }

  /** Ends the live line so what follows starts on its own line. */
  void endLine() {
    if (lineOpen) {
      out.println();
      out.flush();
      lineOpen = false;
    }
  }
}
