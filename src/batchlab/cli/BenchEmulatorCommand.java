package batchlab.cli;

import batchlab.bench.EmulatorBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batch-lab bench emulator}: SubmitJob throughput and schedule time of the local emulator. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = "Submit many jobs to the local emulator at --speed max and time the schedule.")
public final class BenchEmulatorCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--jobs", description = "Jobs to submit (default: ${DEFAULT-VALUE}).")
  int jobs = 100_000;

  @Option(names = "--max-vcpus", description = "Compute environment maxvCpus (default: ${DEFAULT-VALUE}).")
  int maxvCpus = 4_000;

  @Option(names = "--threads", description = "Client threads sharing one client (default: ${DEFAULT-VALUE}).")
  int threads = 8;

  @Option(names = "--client", description = "SDK (the AWS SDK BatchClient) or HTTP (plain keep-alive HTTP/1.1) "
      + "(default: ${DEFAULT-VALUE}).")
  EmulatorBenchmark.Client client = EmulatorBenchmark.Client.SDK;

  @Override
  public Integer call() throws Exception {
    try {
      spec.commandLine().getOut().print(EmulatorBenchmark.run(jobs, maxvCpus, client, threads).render());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      return ExitCodes.badInput(spec.commandLine().getErr(), e.getMessage());
    }
  }
}
