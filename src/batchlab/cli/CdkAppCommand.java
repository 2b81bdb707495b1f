package batchlab.cli;

import batchlab.infra.BatchLabApp;
import batchlab.util.Text;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code batch-lab cdk-app}: the CDK app that cdk.json runs. Hidden, because users run
 * {@code npx cdk synth|deploy}, which calls it with the context in the environment.
 */
@Command(name = "cdk-app", hidden = true, description = "Synthesize the CDK app (run by the CDK CLI via cdk.json).")
public final class CdkAppCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      BatchLabApp.synth();
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      // A bad context value, or a construct's check of one: bad input, before anything is written.
      return ExitCodes.badInput(spec.commandLine().getErr(), e.getMessage());
    } catch (RuntimeException e) {
      return ExitCodes.failure(spec.commandLine().getErr(), "synth failed: " + Text.firstLine(e));
    }
  }
}
