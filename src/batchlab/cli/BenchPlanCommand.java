package batchlab.cli;

import batchlab.bench.PlanBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batch-lab bench plan}: how long the planner takes for a large grid. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Run --configurations x --jobs through the planner and print the wall time, us per job and peak heap.")
public final class BenchPlanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--configurations", description = "Configurations: maxVcpus 2, 4, ... (default: ${DEFAULT-VALUE}).")
  int configurations = 1_000;

  @Option(names = "--jobs", description = "Jobs per configuration (default: ${DEFAULT-VALUE}).")
  int jobs = 1_000;

  @Option(names = "--threads", description = "Configurations in parallel (default: the processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    try {
      spec.commandLine().getOut().print(PlanBenchmark.run(configurations, jobs, threads).render());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      return ExitCodes.badInput(spec.commandLine().getErr(), e.getMessage());
    }
  }
}
