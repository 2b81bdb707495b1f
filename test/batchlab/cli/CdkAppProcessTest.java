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
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "batchlab.cli.BatchLab", "cdk-app"));
    builder.environment().put("CDK_CONTEXT_JSON", "{\"maxVcpus\":\"4\",\"jobVcpus\":\"8\"}");
    builder.environment().put("CDK_OUTDIR", outdir.toString());
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    process.getOutputStream().close();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cdk-app finished").isTrue();

    assertThat(process.exitValue()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stderr.lines().toList()).containsExactly("batch-lab: jobVcpus=8 exceeds maxVcpus=4: the job could"
        + " never be placed and would stay RUNNABLE (allowed: jobVcpus <= maxVcpus)");
    try (var files = Files.list(outdir)) {
      assertThat(files.toList()).as("files in CDK_OUTDIR").isEmpty();
    }
  }
}
