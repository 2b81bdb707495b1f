package batchlab.infra;

import batchlab.util.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** The reports CDK's synth-time validation writes (cx-api VALIDATION_REPORT_FILE and the legacy one). */
  static final List<String> STALE_REPORTS = List.of("validation-report.json", "policy-validation-report.json");

  private BatchLabApp() {}

  /**
   * The plain entry point, as the stock {@code mvn exec:java} app command runs it (the synth benchmark
   * times that and the app alone); a failure ends with a stack trace. {@code ./batch-lab cdk-app} is
   * the entry point cdk.json uses: it prints one line and the exit code.
   */
  public static void main(String[] args) {
    synth();
  }

  /**
   * Synthesizes into {@code CDK_OUTDIR}. The CLI's {@code cdk-app} command turns a failure into its
   * one line and exit code.
   *
   * @throws BadInputException on a bad context value, before anything is written
   */
  public static void synth() {
    synth(new App());
  }

  /** Synthesizes the stack into {@code app}'s output directory, which it owns: see {@link #removeStaleReports}. */
  static void synth(App app) {
    addStack(app, contextOf(app), Environments.fromCdkCli(), ProjectFiles.locate().jobImageDirectory());
    removeStaleReports(Path.of(app.getOutdir()));
    app.synth();
  }

  /**
   * Deletes the validation reports an earlier synth left in {@code outdir}. CDK writes them only when
   * some validation ran (CloudFormation validation, or a construct annotation), but the CDK CLI prints
   * whatever report it finds there, so without this a warning outlived the synth that raised it.
   */
  static void removeStaleReports(Path outdir) {
    for (String report : STALE_REPORTS) {
      try {
        Files.deleteIfExists(outdir.resolve(report));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the previous synth's " + outdir.resolve(report), e);
      }
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
}
