package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.submit.LocalBatch;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing region and credentials depend on the process environment and the AWS config files, so
 * these run the CLI in a child JVM with a clean environment: no AWS variables, an empty home, and
 * the EC2 metadata lookup off (there is no instance here to ask).
 */
class CredentialsAndRegionTest {

  @TempDir Path home;

  private Cli runIsolated(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), BatchLab.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true",
        "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString()));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Cli(process.exitValue(), out, err);
  }

  @Test
  void noRegionAnywhereIsABadInputWithTheFix() throws Exception {
    Cli cli = runIsolated("submit", "--endpoint-url", "https://batch.example.com");
    assertThat(cli.err()).isEqualTo("batch-lab: no AWS region: pass --region (e.g. --region us-east-1) or set "
        + "AWS_REGION\n");
    assertThat(cli.exitCode()).isEqualTo(2);
  }

  @Test
  void noCredentialsNoEndpointAndNoEmulatorSaysHowToGoOn() throws Exception {
    Cli cli = runIsolated("submit", "--region", "us-east-1");
    assertThat(cli.err()).isEqualTo("batch-lab: no AWS credentials or endpoint configured, and no ./batch-lab local "
        + "is running: start the emulator in another terminal with ./batch-lab local, or configure AWS (aws configure,"
        + " or --profile)\n");
    assertThat(cli.exitCode()).isEqualTo(1);
  }

  @Test
  void noCredentialsAgainstAwsFailBeforeAnyCall() throws Exception {
    // A profile says "AWS", so no emulator is looked for.
    Cli cli = runIsolated("submit", "--region", "us-east-1", "--profile", "lab");
    assertThat(cli.err()).startsWith("batch-lab: no AWS credentials in profile 'lab': ");
    assertThat(cli.exitCode()).isEqualTo(1);
  }

  @Test
  void withNothingConfiguredSubmitUsesTheRunningEmulatorAndSaysSo(@TempDir Path harnessRuns) throws Exception {
    try (LocalBatch local = LocalBatch.start(harnessRuns)) {
      // What ./batch-lab local records, with this JVM as the emulator's process.
      new LocalEndpoints(home.resolve(".local/state/batch-lab")).record(new LocalEndpoints.Entry(
          URI.create(local.endpoint()), "us-east-1", "BatchLab", ProcessHandle.current().pid(), Instant.now()));

      Cli cli = runIsolated("submit", "--jobs", "1", "--runs-dir", home.resolve("runs").toString());

      assertThat(cli.err()).isEqualTo("batch-lab: no AWS credentials or endpoint configured: using the local emulator "
          + "at " + local.endpoint() + " (./batch-lab local, pid " + ProcessHandle.current().pid() + ")\n");
      assertThat(cli.exitCode()).isZero();
      assertThat(cli.out()).startsWith("submitted 1 job in ");
      assertThat(local.jobsByName("batchlab-")).hasSize(1);
    }
  }

  @Test
  void aConfigFileTheSdkCannotParseIsNamedInOneLineEvenForLocal(@TempDir Path harnessRuns) throws Exception {
    java.nio.file.Files.writeString(home.resolve("no-config"), "[default\nregion = us-east-1\n");
    try (LocalBatch local = LocalBatch.start(harnessRuns)) {
      Cli cli = runIsolated("submit", "--jobs", "1", "--endpoint-url", local.endpoint(), "--region", "us-east-1",
          "--runs-dir", home.resolve("runs").toString());

      assertThat(cli.err()).isEqualTo("batch-lab: the AWS config file " + home.resolve("no-config")
          + " cannot be parsed: Profile definition must end with ']' on line 1 (the AWS SDK reads it for every call,"
          + " --local too: fix it, or set AWS_CONFIG_FILE to another file)\n");
      assertThat(cli.exitCode()).isEqualTo(2);
      assertThat(local.jobsByName("batchlab-")).as("nothing submitted").isEmpty();
    }
  }

  @Test
  void aCredentialsFileTheSdkCannotParseIsNamedBeforeLookingForCredentials() throws Exception {
    java.nio.file.Files.writeString(home.resolve("no-credentials"), "aws_access_key_id = x\n");

    Cli cli = runIsolated("submit", "--region", "us-east-1");

    assertThat(cli.err()).startsWith("batch-lab: the AWS credentials file " + home.resolve("no-credentials")
        + " cannot be parsed: ").endsWith("set AWS_SHARED_CREDENTIALS_FILE to another file)\n");
    assertThat(cli.err().lines()).hasSize(1);
    assertThat(cli.exitCode()).isEqualTo(2);
  }
}
