package batchlab.cli;

import batchlab.aws.AwsClients;
import batchlab.aws.ConnectionSettings;
import batchlab.aws.SubmitException;
import batchlab.util.BadInputException;
import java.util.Map;
import picocli.CommandLine.Option;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.watch.WatchOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code submit} and {@code watch} share: --runs-dir, the watch options, where the calls go,
 * and the CLI's error convention around the command's body.
 */
public final class RunCommandOptions {

  @Mixin RunsDirOption runs;
  @Mixin WatchSettings watch;
  @Mixin ConnectionOptions connection;
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--local",
      description = "Connect to the running ./batch-lab local, found through the endpoint it records (the default for "
          + "submit when no AWS credentials and no endpoint are configured).")
  boolean local;

  /** Runs the command's body: bad input exits 2, failures at run time 1, each with one line on stderr. */
  int run(Callable<Integer> body) {
    return ExitCodes.run(command.commandLine().getErr(), body);
  }

  RunStore store() {
    return runs.store();
  }

  /**
   * The connection options given, with blanks filled from where {@code run} was submitted; with
   * --local, the running emulator's endpoint instead of the recorded one (a restarted emulator serves
   * on a new port).
   */
  ConnectionSettings connectionFor(RunRecord run) {
    ConnectionSettings given = connection.settings();
    return local ? onLocal(given) : given.orElse(RunWatch.recordedConnection(run));
  }

  /**
   * Where a new submission goes: the options given; with --local the running emulator; with nothing
   * configured at all (no endpoint, no profile, no AWS credentials) the one running emulator too, with a
   * note on stderr, or an error saying how to start one.
   */
  ConnectionSettings connection() {
    ConnectionSettings given = connection.settings();
    if (local) {
      return onLocal(given);
    }
    Map<String, String> env = System.getenv();
    if (given.endpoint() != null || given.profile() != null || AwsClients.endpointConfigured(env)
        || AwsClients.credentialsAvailable()) {
      return given;
    }
    LocalEndpoints endpoints = LocalEndpoints.of(env);
    if (endpoints.running().isEmpty()) {
      throw new SubmitException("no AWS credentials or endpoint configured, and no ./batch-lab local is running: "
          + "start the emulator in another terminal with ./batch-lab local, or configure AWS (aws configure, or --profile)");
    }
    LocalEndpoints.Entry entry = endpoints.requireOne();
    command.commandLine().getErr().println("batch-lab: no AWS credentials or endpoint configured: using the local "
        + "emulator at " + entry.endpoint() + " (./batch-lab local, pid " + entry.pid() + ")");
    return withEntry(given, entry);
  }

  private ConnectionSettings onLocal(ConnectionSettings given) {
    if (given.endpoint() != null) {
      throw new BadInputException("--local and --endpoint-url " + given.endpoint()
          + " both say where to connect; give one of them");
    }
    return withEntry(given, LocalEndpoints.of(System.getenv()).requireOne());
  }

  private static ConnectionSettings withEntry(ConnectionSettings given, LocalEndpoints.Entry entry) {
    return new ConnectionSettings(given.region() != null ? given.region() : entry.region(), given.profile(),
        entry.endpoint());
  }

  /** The watch options, checked (a bad --interval or --timeout is bad input). */
  WatchOptions watchOptions() {
    return watch.options();
  }

  /** Watches {@code run}, prints and saves its summary; returns the exit code. */
  int watchAndReport(AwsClients clients, RunRecord run, WatchOptions options, RunStore store) {
    return RunWatch.watchAndReport(clients, run, options, store, command.commandLine().getOut(),
        command.commandLine().getErr());
  }
}
