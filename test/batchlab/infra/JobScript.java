package batchlab.infra;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The job script (job-image/sleep_example.py) run with this machine's python3, as the container would. */
public final class JobScript {

  /** What one run of the script did. */
  public record Result(int exitCode, List<String> stdoutLines, String stderr) {}

  private final Path python;

  private JobScript(Path python) {
    this.python = python;
  }

  /** The script with python3 from PATH; skips the calling test when there is none. */
  public static JobScript withPython3OrSkip() {
    Optional<Path> found = onPath("python3");
    Assumptions.assumeTrue(found.isPresent(), "python3 not found on PATH: skipping the job script tests");
    return new JobScript(found.get());
  }

  /** The command that runs the script with {@code args}. */
  public List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(python.toString(),
        ProjectFiles.locate().jobImageDirectory().resolve("sleep_example.py").toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs the script to its end (at most 30 s) with {@code args}. */
  public Result run(String... args) throws IOException, InterruptedException {
    return finish(new ProcessBuilder(command(args)).start());
  }

  private static Result finish(Process process) throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sleep_example.py did not finish within 30 s");
    }
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), stdout.lines().toList(), stderr);
  }

  /**
   * Runs only the script's argument check ({@code parse_seconds}) on {@code argument}, without the
   * sleep: prints the seconds it would sleep, or exits as the script does for a bad argument.
   */
  public Result parseSeconds(String argument) throws IOException, InterruptedException {
    Path directory = ProjectFiles.locate().jobImageDirectory();
    Process process = new ProcessBuilder(python.toString(), "-c",
        "import sys; sys.path.insert(0, sys.argv[1]); import sleep_example; "
            + "print(repr(sleep_example.parse_seconds(['sleep_example.py', sys.argv[2]])))",
        directory.toString(), argument).start();
    return finish(process);
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
