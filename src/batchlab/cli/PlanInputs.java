package batchlab.cli;

import batchlab.plan.Durations;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.TimelineCsv;
import batchlab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where {@code plan}'s inputs come from the client side: a past run's {@code timeline.csv} as
 * {@code --durations} (the planner itself reads only plain files of numbers; {@code cli} composes
 * the run format and the planner).
 */
final class PlanInputs {

  private PlanInputs() {}

  /** {@code --durations}: a timeline.csv (recognised by its header) gives its SUCCEEDED attempts' run times. */
  static Durations durations(String spec) {
    Path file = Path.of(spec.strip());
    if (!Files.isRegularFile(file) || !firstLine(file).equals(TimelineCsv.HEADER)) {
      return Durations.parse(spec);
    }
    List<JobAttempt> attempts;
    try {
      attempts = TimelineCsv.parse(Files.readString(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException("--durations " + file + ": not a readable timeline.csv (" + e.getMessage() + ")");
    }
    double[] seconds = attempts.stream()
        .filter(a -> a.status() == JobState.SUCCEEDED && a.startedAt() != null && a.stoppedAt() != null)
        .mapToDouble(a -> Duration.between(a.startedAt(), a.stoppedAt()).toMillis() / 1000.0)
        .toArray();
    return Durations.ofRun(file, seconds);
  }

  private static String firstLine(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.findFirst().orElse("").strip();
    } catch (IOException | RuntimeException e) {
      throw new BadInputException("--durations " + file + ": cannot read it (" + e.getMessage() + ")");
    }
  }
}
