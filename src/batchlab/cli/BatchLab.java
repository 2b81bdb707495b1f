package batchlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ./batch-lab} launcher: one picocli command with a subcommand per task. */
@Command(
    name = "batch-lab",
    mixinStandardHelpOptions = true,
    version = "batch-lab 0.1.0",
    description = "Provision, run, measure and explain the AWS Batch \"vCPUs run out\" experiment.",
    subcommands = {
      ExperimentCommand.class,
      LocalCommand.class,
      DiffCommand.class,
      PlanCommand.class,
      SubmitCommand.class,
      WatchCommand.class,
      CalibrateCommand.class,
      BenchCommand.class,
      CdkAppCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class BatchLab implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * The configured command line, shared by {@link #main} and tests so both parse alike: arguments it
   * cannot parse get one line and exit 2 ({@link ParseErrors}).
   */
  public static CommandLine newCommandLine() {
    return new CommandLine(new BatchLab()).setParameterExceptionHandler(new ParseErrors());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
