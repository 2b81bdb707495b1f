package batchlab.cli;

import batchlab.infra.BatchLabApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code batch-lab cdk-app}: the CDK app that cdk.json runs. Hidden, because users run
 * {@code npx cdk synth|deploy}, which calls it with the context in the environment.
 */
@Command(name = "cdk-app", hidden = true, description = "Synthesize the CDK app (run by the CDK CLI via cdk.json).")
public final class CdkAppCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    return BatchLabApp.run(System.err);
  }
}
