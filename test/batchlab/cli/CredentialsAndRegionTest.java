package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
  void noCredentialsAgainstAwsFailBeforeAnyCall() throws Exception {
    Cli cli = runIsolated("submit", "--region", "us-east-1");
    assertThat(cli.err()).isEqualTo("batch-lab: no AWS credentials found: set AWS_ACCESS_KEY_ID and "
        + "AWS_SECRET_ACCESS_KEY, run aws configure (or aws sso login), or pass --profile\n");
    assertThat(cli.exitCode()).isEqualTo(1);
  }
}
