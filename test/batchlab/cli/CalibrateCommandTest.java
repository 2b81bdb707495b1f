package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.RunJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch-lab calibrate}: what it prints, writes and refuses. */
class CalibrateCommandTest {

  static final Path OLD_RUN = Path.of("test", "batchlab", "analysis", "fixtures", "run-before-observations");

  @TempDir Path dir;

  @Test
  void anOldRunCalibratesWhatItCanSaysWhatItCouldNotAndWritesTheFittedFigure() throws Exception {
    Path out = dir.resolve("timings.json");
    Cli cli = Cli.run("calibrate", OLD_RUN.toString(), "--out", out.toString());

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("run run-before-observations: no observations.json (watched before batch-lab "
        + "recorded it): only its timeline.csv is used")
        .contains("container start       5 s  (5 s to 5 s, 8 observations: hand-overs")
        .contains("instance boot    not fitted: the runs have no observations.json");
    JsonNode written = RunJson.mapper().readTree(Files.readString(out));
    assertThat(written.get("jobStartSeconds").asInt()).isEqualTo(5);
    assertThat(written.has("instanceBootSeconds")).as("not fitted: left to the default").isFalse();
  }

  @Test
  void nothingFittedIsBadInputAndWritesNothing() throws Exception {
    Path runs = dir.resolve("runs");
    Path run = runs.resolve("short");
    Files.createDirectories(run);
    Files.copy(OLD_RUN.resolve("jobs.json"), run.resolve("jobs.json"));
    Files.writeString(run.resolve("timeline.csv"), Files.readAllLines(OLD_RUN.resolve("timeline.csv")).get(0) + "\n");
    Path out = dir.resolve("timings.json");

    Cli cli = Cli.run("calibrate", "short", "--runs-dir", runs.toString(), "--out", out.toString());

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("batch-lab: nothing fitted from short: every figure was refused (above); "
        + "calibrate from longer runs or more of them\n");
    assertThat(cli.out()).contains("container start  not fitted: 0 observations");
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnknownRunNamesTheRunsDirectory() {
    Cli cli = Cli.run("calibrate", "nope", "--runs-dir", dir.toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("batch-lab: no run 'nope' in " + dir);
  }

  @Test
  void localRefusesABadTimingsFileBeforeStarting() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"bootSeconds\": 1}");
    Cli cli = Cli.run("local", "--timings", bad.toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("batch-lab: --timings " + bad + ": unknown key 'bootSeconds'");
  }
}
