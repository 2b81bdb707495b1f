package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job script (job-image/sleep_example.py) run with this machine's python3, as the container would. */
class SleepExampleScriptTest {

  private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
  private static Path python;

  @BeforeAll
  static void findPython() {
    Optional<Path> found = onPath("python3");
    Assumptions.assumeTrue(found.isPresent(), "python3 not found on PATH: skipping the job script tests");
    python = found.get();
  }

  @Test
  void sleepsTheGivenSecondsAndPrintsStartEndAndTotal() throws Exception {
    Result result = run("1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdoutLines()).hasSize(3);
    assertThat(result.stdoutLines().get(0)).matches("Job started at: " + TIME);
    assertThat(result.stdoutLines().get(1)).matches("Job completed at: " + TIME);
    assertThat(result.stdoutLines().get(2)).matches("Total execution time: 1\\.\\d\\d seconds");
  }

  @Test
  void rejectsANonNumericArgumentWithoutSleeping() throws Exception {
    Result result = run("soon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdoutLines()).isEmpty();
    assertThat(result.stderr().strip())
        .isEqualTo("sleep_example.py: SECONDS must be a number from 0 to 86400, got 'soon'");
  }

  @Test
  void rejectsANegativeArgument() throws Exception {
    Result result = run("-5");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("got '-5'");
  }

  @Test
  void rejectsMoreThanOneArgument() throws Exception {
    Result result = run("1", "2");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr().strip()).isEqualTo("sleep_example.py: expected at most one argument SECONDS, got 2");
  }

  @Test
  void exitsWith143AtOnceOnSigterm() throws Exception {
    Process process = new ProcessBuilder(python.toString(),
        ProjectFiles.locate().jobImageDirectory().resolve("sleep_example.py").toString(), "60").start();
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

  private record Result(int exitCode, List<String> stdoutLines, String stderr) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python.toString(),
        ProjectFiles.locate().jobImageDirectory().resolve("sleep_example.py").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sleep_example.py did not finish within 30 s");
    }
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), stdout.lines().toList(), stderr);
  }

  private static Optional<Path> onPath(String executable) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
