package batchlab.cli;

import batchlab.aws.AwsClients;
import batchlab.aws.ConnectionSettings;
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

  /** Runs the command's body: bad input exits 2, failures at run time 1, each with one line on stderr. */
  int run(Callable<Integer> body) {
    return ExitCodes.run(command.commandLine().getErr(), body);
  }

  RunStore store() {
    return runs.store();
  }

  /** The connection options given, with blanks filled from where {@code run} was submitted. */
  ConnectionSettings connectionFor(RunRecord run) {
    return connection.settings().orElse(RunWatch.recordedConnection(run));
  }

  ConnectionSettings connection() {
    return connection.settings();
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
