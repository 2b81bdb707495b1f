package batchlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code batch-lab bench ...}: benchmarks that print figures (performance is never asserted in tests). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Run a benchmark and print its figures.",
    subcommands = {
      BenchSynthCommand.class,
      BenchEmulatorCommand.class,
      BenchSubmitCommand.class,
      BenchPlanCommand.class,
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
