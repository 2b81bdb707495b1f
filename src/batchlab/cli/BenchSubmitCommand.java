package batchlab.cli;

import batchlab.bench.SubmitBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code batch-lab bench submit}: submitter and watcher figures against the local emulator. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = "Submit 10 and 1,000 jobs to the local emulator (individually, as an array, at the 50/s quota), "
        + "compare with an aws CLI loop, and print wall times and API calls per job.")
public final class BenchSubmitCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return ExitCodes.run(spec.commandLine().getErr(), () -> {
      Path runs = Files.createTempDirectory("batch-lab-bench-submit");
      try {
        new SubmitBenchmark(spec.commandLine().getOut(), runs, SubmitBenchmark.findAwsCli()).run();
      } finally {
        SubmitBenchmark.deleteTree(runs);
      }
      return ExitCodes.OK;
    });
  }
}
