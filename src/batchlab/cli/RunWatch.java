package batchlab.cli;

import batchlab.submit.AwsClients;
import batchlab.submit.ConnectionSettings;
import batchlab.submit.Outcome;
import batchlab.submit.RunRecord;
import batchlab.submit.RunStore;
import batchlab.submit.SummaryText;
import batchlab.submit.WatchOptions;
import batchlab.submit.WatchResult;
import batchlab.submit.Watcher;
import java.io.PrintWriter;
import java.net.URI;

/** The watch-and-report step shared by {@code watch} and {@code submit --watch}. */
final class RunWatch {

  private RunWatch() {}

  /** Where a recorded run was submitted: its region and endpoint, for settings the user left out. */
  static ConnectionSettings recordedConnection(RunRecord run) {
    return new ConnectionSettings(run.region(), null, run.endpoint() == null ? null : URI.create(run.endpoint()));
  }

  /** Watches, prints and saves the summary; returns the exit code. */
  static int watchAndReport(AwsClients clients, RunRecord run, WatchOptions options, RunStore store, PrintWriter out,
      PrintWriter err) {
    Watcher watcher = new Watcher(clients, options);
    ConsoleWatchDisplay display = new ConsoleWatchDisplay(out, err, System.console() != null);
    try (CtrlC ctrlC = new CtrlC(watcher::requestStop)) {
      WatchResult result = watcher.watch(run, display);
      display.endLine();
      store.saveResult(result);
      out.print(SummaryText.render(result.summary(), run));
      out.println("written: " + store.dir(run.runId()).resolve(RunStore.SUMMARY_FILE) + ", "
          + store.dir(run.runId()).resolve(RunStore.TIMELINE_FILE));
      out.flush();
      if (result.outcome() == Outcome.INTERRUPTED) {
        return ExitCodes.INTERRUPTED;
      }
      boolean allSucceeded = result.outcome() == Outcome.COMPLETED && result.summary().failed().isEmpty();
      return allSucceeded ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    }
  }
}
