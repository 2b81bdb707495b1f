package batchlab.infra;

import batchlab.util.BadInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app that cdk.json runs (through {@code ./batch-lab cdk-app}): reads the context the CLI
 * passes, validates it completely, then synthesizes {@link BatchLabStack} into the CLI's output
 * directory. A bad value stops it before anything is written.
 */
public final class BatchLabApp {

  /** Exit code of a bad context value (a user error), as for every batch-lab user error. */
  public static final int EXIT_BAD_SETTINGS = 2;
  /** Exit code of any other synth failure. */
  public static final int EXIT_FAILED = 1;

  private BatchLabApp() {}

  public static void main(String[] args) {
    System.exit(run(System.err));
  }

  /** Synthesizes into {@code CDK_OUTDIR}; returns the process exit code, printing one line on failure. */
  public static int run(PrintStream err) {
    try {
      App app = new App();
      addStack(app, contextOf(app), Environments.fromCdkCli(), ProjectFiles.locate().jobImageDirectory());
      app.synth();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("batch-lab: " + e.getMessage());
      return EXIT_BAD_SETTINGS;
    } catch (RuntimeException e) {
      err.println("batch-lab: synth failed: " + firstLine(e.getMessage()));
      return EXIT_FAILED;
    }
  }

  /**
   * Validates {@code context} and adds the stack to {@code app}.
   *
   * @param environment the account/region to deploy to; needed only to look up an existing VPC
   * @param jobImageDirectory the Docker build context of the job image
   * @throws BadInputException on a bad context value, before any construct is created
   */
  public static BatchLabStack addStack(
      App app, Map<String, ?> context, Optional<Environment> environment, Path jobImageDirectory) {
    StackSettings settings = StackSettings.fromContext(context);
    if (settings.vpcId().isPresent() && environment.isEmpty()) {
      throw new BadInputException("vpcId=" + settings.vpcId().get() + " needs the target account and region"
          + " for the VPC lookup: run cdk with AWS credentials (or set CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION)");
    }
    // Without an existing VPC the stack stays environment-agnostic: deployable to any account/region.
    StackProps.Builder props = StackProps.builder();
    if (settings.vpcId().isPresent()) {
      props.env(environment.get());
    }
    return new BatchLabStack(app, settings, jobImageDirectory, props.build());
  }

  /** Every context value the app sees (cdk.json, cdk.context.json, -c), keyed by name. */
  @SuppressWarnings("unchecked")
  static Map<String, ?> contextOf(App app) {
    Object all = app.getNode().getAllContext();
    return all instanceof Map<?, ?> map ? (Map<String, ?>) map : Map.of();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    return message.strip().lines().findFirst().orElse("(no message)");
  }
}
