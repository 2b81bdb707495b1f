package batchlab.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ./batch-lab} launcher: one picocli command with a subcommand per task. */
@Command(
    name = "batch-lab",
    mixinStandardHelpOptions = true,
    version = "batch-lab 0.1.0",
    description = "Provision, run, measure and explain the AWS Batch \"vCPUs run out\" experiment.")
public final class BatchLab implements Runnable {

  /** The subcommands, in the order --help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      ExperimentCommand.class,
      LocalCommand.class,
      DiffCommand.class,
      PlanCommand.class,
      SubmitCommand.class,
      WatchCommand.class,
      CalibrateCommand.class,
      BenchCommand.class,
      CdkAppCommand.class,
      CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLineFor(args).execute(args));
  }

  /**
   * The configured command line, shared by {@link #main} and tests so both parse alike: arguments it
   * cannot parse get one line and exit 2 ({@link ParseErrors}).
   */
  public static CommandLine newCommandLine() {
    return withSubcommands(SUBCOMMANDS);
  }

  /**
   * The command line that parses {@code args} as {@link #newCommandLine} does, with only the subcommand
   * they run when they start with one: picocli reads every registered command's options by reflection,
   * a good part of a short command's start-up. Anything else (options of batch-lab itself, {@code help},
   * an unknown name) gets every subcommand, for its help and error messages.
   */
  static CommandLine commandLineFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        CommandLine.Command command = subcommand.getAnnotation(CommandLine.Command.class);
        if (subcommand != CommandLine.HelpCommand.class && command.name().equals(args[0])) {
          return withSubcommands(List.of(subcommand));
        }
      }
    }
    return newCommandLine();
  }

  private static CommandLine withSubcommands(List<Class<?>> subcommands) {
    CommandLine root = new CommandLine(new BatchLab());
    subcommands.forEach(root::addSubcommand);
    // Set after the subcommands are added, so that it applies to them too.
    return root.setParameterExceptionHandler(new ParseErrors());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
