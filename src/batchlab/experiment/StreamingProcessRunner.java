package batchlab.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a command in a working directory and streams its combined output line by line as it comes
 * (a CDK deploy takes minutes; the user should see CloudFormation's progress, not a silent wait).
 */
public final class StreamingProcessRunner implements ProcessRunner {

  private final Path workingDirectory;
  private final Consumer<String> lines;

  public StreamingProcessRunner(Path workingDirectory, Consumer<String> lines) {
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    this.lines = Objects.requireNonNull(lines, "lines");
  }

  @Override
  public int run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.INHERIT)
        .start();
    // A separate reader thread keeps waitFor() interruptible while output is still streaming.
    Thread pump = new Thread(() -> pump(process), "process-output");
    pump.setDaemon(true);
    pump.start();
    try {
      int exit = process.waitFor();
      pump.join();
      return exit;
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      throw e;
    }
  }

  private void pump(Process process) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.accept(line);
      }
    } catch (IOException e) {
      lines.accept("(output stream closed: " + e.getMessage() + ")");
    }
  }
}
