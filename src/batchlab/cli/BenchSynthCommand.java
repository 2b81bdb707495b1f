package batchlab.cli;

import batchlab.bench.SynthBenchmark;
import batchlab.infra.ProjectFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batch-lab bench synth}: wall time of {@code npx cdk synth} with this app, the stock app, the floor and the cache. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    // One paragraph: a command list shows only a description's first line, so each line is whole.
    description = {"Time `npx cdk synth -c maxVcpus=4` with this project's app command (a, synth cache off), "
        + "with the stock `mvn -e -q compile exec:java` app command (b), the app alone without the CDK CLI "
        + "(c, the floor), the CLI alone (d), and (a) with nothing changed, from the synth cache (e); print "
        + "medians and the ratios."})
public final class BenchSynthCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs of each variant (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--skip-stock", description = "Leave out (b), the slowest variant.")
  boolean skipStock;

  @Option(names = "--validation",
      description = "Include CDK's CloudFormation template validation (CDK_VALIDATION=true) in every variant.")
  boolean validation;

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || runs > 50) {
      return ExitCodes.badInput(spec.commandLine().getErr(), "--runs=" + runs + " is not allowed (allowed: 1 to 50)");
    }
    try {
      SynthBenchmark.builder()
          .project(ProjectFiles.locate())
          .runs(runs)
          .includeStock(!skipStock)
          .validation(validation)
          .out(System.out)
          .build()
          .run();
      return ExitCodes.OK;
    } catch (IllegalStateException e) {
      return ExitCodes.failure(spec.commandLine().getErr(), e.getMessage());
    }
  }
}
