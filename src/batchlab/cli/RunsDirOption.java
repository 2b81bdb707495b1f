package batchlab.cli;

import batchlab.run.RunStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --runs-dir: where run records (jobs.json, summary.json, timeline.csv) live. */
public final class RunsDirOption {

  @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = RunStore.DEFAULT_ROOT,
      description = "Where run records live (default: ${DEFAULT-VALUE}).")
  Path runsDir;

  RunStore store() {
    return new RunStore(runsDir);
  }
}
