package batchlab.cli;

import batchlab.aws.AwsClients;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.util.BadInputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code batch-lab watch [RUN | --latest]}: follow a submitted run to the end and summarise it. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Watch a submitted run until every job finished (or --timeout / Ctrl-C), then print and write its "
          + "summary (runs/RUN/summary.json, timeline.csv).",
      "Exit status: 0 all jobs SUCCEEDED, 1 a job FAILED or the timeout passed, 130 interrupted."
    })
public final class WatchCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "Run id (a folder under --runs-dir).")
  String runId;

  @Option(names = "--latest", description = "Watch the newest run (the default when no RUN is given).")
  boolean latest;

  @Mixin RunCommandOptions options;

  @Override
  public Integer call() {
    return options.run(this::execute);
  }

  private int execute() {
    RunStore store = options.store();
    if (runId != null && latest) {
      throw new BadInputException("give either a RUN or --latest, not both");
    }
    String id = runId != null ? runId : store.latest().orElseThrow(() -> new BadInputException(
        "no runs in " + store.root() + " to watch: submit one first with: ./batch-lab submit" + store.cliOption()));
    RunRecord run = store.load(id);
    try (AwsClients clients = AwsClients.connect(options.connectionFor(run), System.getenv())) {
      return options.watchAndReport(clients, run, options.watchOptions(), store);
    }
  }
}
