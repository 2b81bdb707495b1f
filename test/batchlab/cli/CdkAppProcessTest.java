package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as the CDK CLI runs it: a separate JVM running {@code batch-lab cdk-app} with the context
 * in CDK_CONTEXT_JSON and the output directory in CDK_OUTDIR, as cdk.json's app command does.
 */
class CdkAppProcessTest {

  @Test
  void badContextPrintsOneLineExitsTwoAndWritesNothing(@TempDir Path outdir) throws Exception {
    Result result = cdkApp(outdir, "{\"maxVcpus\":\"4\",\"jobVcpus\":\"8\"}", "true");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.stderr().lines().toList()).containsExactly("batch-lab: jobVcpus=8 exceeds maxVcpus=4: the job could"
        + " never be placed and would stay RUNNABLE (allowed: jobVcpus <= maxVcpus)");
    try (var files = Files.list(outdir)) {
      assertThat(files.toList()).as("files in CDK_OUTDIR").isEmpty();
    }
  }

  /**
   * The CDK CLI prints the validation report it finds in cdk.out after a synth; one from an earlier
   * synth (here: a warning about x9z.large) must not be found by a synth that raised nothing. The launcher
   * runs the app with CDK_VALIDATION=false, under which a clean synth writes no report of its own.
   */
  @Test
  void aSynthRemovesTheValidationReportOfAnEarlierOne(@TempDir Path outdir) throws Exception {
    Path stale = outdir.resolve("validation-report.json");
    Files.writeString(stale, "{\"pluginReports\":[{\"violations\":[{\"description\":\"instance types x9z.large"
        + " are not in batch-lab's catalogue\"}]}]}");

    Result result = cdkApp(outdir, "{}", "false");

    assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
    assertThat(outdir.resolve("BatchLab.template.json")).exists();
    assertThat(stale).doesNotExist();
  }

  private record Result(int exitCode, String stderr) {}

  private static Result cdkApp(Path outdir, String contextJson, String cdkValidation) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "batchlab.cli.BatchLab", "cdk-app"));
    builder.environment().put("CDK_CONTEXT_JSON", contextJson);
    builder.environment().put("CDK_OUTDIR", outdir.toString());
    builder.environment().put("CDK_VALIDATION", cdkValidation);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    process.getOutputStream().close();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cdk-app finished").isTrue();
    return new Result(process.exitValue(), stderr);
  }
}
