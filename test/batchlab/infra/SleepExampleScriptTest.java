package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job script (job-image/sleep_example.py) run with this machine's python3, as the container would. */
class SleepExampleScriptTest {

  private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
  private static JobScript script;

  @BeforeAll
  static void findPython() {
    script = JobScript.withPython3OrSkip();
  }

  private static JobScript.Result run(String... args) throws IOException, InterruptedException {
    return script.run(args);
  }

  @Test
  void sleepsTheGivenSecondsAndPrintsStartEndAndTotal() throws Exception {
    JobScript.Result result = run("1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdoutLines()).hasSize(3);
    assertThat(result.stdoutLines().get(0)).matches("Job started at: " + TIME);
    assertThat(result.stdoutLines().get(1)).matches("Job completed at: " + TIME);
    assertThat(result.stdoutLines().get(2)).matches("Total execution time: 1\\.\\d\\d seconds");
  }

  @Test
  void rejectsANonNumericArgumentWithoutSleeping() throws Exception {
    JobScript.Result result = run("soon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdoutLines()).isEmpty();
    assertThat(result.stderr().strip())
        .isEqualTo("sleep_example.py: SECONDS must be a number from 0 to 86400, got 'soon'");
  }

  @Test
  void rejectsANegativeArgument() throws Exception {
    JobScript.Result result = run("-5");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("got '-5'");
  }

  @Test
  void rejectsMoreThanOneArgument() throws Exception {
    JobScript.Result result = run("1", "2");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr().strip()).isEqualTo("sleep_example.py: expected at most one argument SECONDS, got 2");
  }

  @Test
  void exitsWith143AtOnceOnSigterm() throws Exception {
    Process process = new ProcessBuilder(script.command("60")).start();
    process.getOutputStream().close();
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(stdout.readLine()).matches("Job started at: " + TIME);

    // SIGTERM, as Batch sends it at a timeout (through the handle: Process.destroy() also closes our pipes).
    process.toHandle().destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sleep_example.py ignored SIGTERM");
    }
    assertThat(process.exitValue())
        .as(() -> "stderr: " + new String(readAll(process), StandardCharsets.UTF_8)).isEqualTo(143);
    assertThat(stdout.readLine()).matches("Job stopped by SIGTERM at: " + TIME);
  }

  private static byte[] readAll(Process process) {
    try {
      return process.getErrorStream().readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
