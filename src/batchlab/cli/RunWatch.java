package batchlab.cli;

import batchlab.analysis.SummaryText;
import batchlab.aws.AwsClients;
import batchlab.aws.ConnectionSettings;
import batchlab.report.GroupChart;
import batchlab.run.Outcome;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.watch.RunResults;
import batchlab.watch.WatchOptions;
import batchlab.watch.WatchResult;
import batchlab.watch.Watcher;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;

/** The watch-and-report step shared by {@code watch} and {@code submit --watch}. */
final class RunWatch {

  private RunWatch() {}

  /** Where a recorded run was submitted: its region and endpoint, for settings the user left out. */
  static ConnectionSettings recordedConnection(RunRecord run) {
    return new ConnectionSettings(run.region(), null, run.endpoint() == null ? null : URI.create(run.endpoint()));
  }

  /**
   * Watches, saves the summary merged with what the run's files already hold (see {@link RunResults}) and
   * prints it; returns the exit code.
   */
  static int watchAndReport(AwsClients clients, RunRecord run, WatchOptions options, RunStore store, PrintWriter out,
      PrintWriter err) {
    Watcher watcher = new Watcher(clients, options);
    ConsoleWatchDisplay display = new ConsoleWatchDisplay(out, err, System.console() != null);
    try (CtrlC ctrlC = new CtrlC(watcher::requestStop)) {
      WatchResult seen = watcher.watch(run, store, display);
      display.endLine();
      Optional<WatchResult> saved = RunResults.save(store, seen);
      WatchResult result = saved.orElse(seen);
      if (saved.isPresent()) {
        out.print(SummaryText.render(result.summary(), run));
        out.println("written: " + store.dir(run.runId()).resolve(RunStore.SUMMARY_FILE) + ", "
            + store.dir(run.runId()).resolve(RunStore.TIMELINE_FILE)
            + GroupChart.writeFor(result, store.dir(run.runId())).map(chart -> ", " + chart).orElse(""));
      } else {
        out.println("run " + run.runId() + ": none of its jobs was seen; its results were left as they were");
      }
      out.flush();
      if (result.outcome() == Outcome.INTERRUPTED) {
        return ExitCodes.INTERRUPTED;
      }
      boolean allSucceeded = result.outcome() == Outcome.COMPLETED && result.summary().failed().isEmpty();
      return allSucceeded ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    }
  }
}
