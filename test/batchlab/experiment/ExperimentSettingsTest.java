package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.local.Speed;
import batchlab.util.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSettingsTest {

  @TempDir Path tmp;

  @Test
  void defaultsAreTheArticlesExperimentOnTheLocalEmulator() {
    ExperimentSettings settings = ExperimentSettings.builder().outDir(tmp.resolve("out")).build();

    assertThat(settings.maxVcpus()).containsExactly(4, 20);
    assertThat(settings.jobs()).isEqualTo(10);
    assertThat(settings.jobSeconds()).isEqualTo(60);
    assertThat(settings.target()).isEqualTo(Target.LOCAL);
    assertThat(settings.speed()).isEqualTo(Speed.of(60));
    assertThat(settings.stackSettings(4).jobVcpus()).isEqualTo(2);
    assertThat(settings.timeout()).isNull();
  }

  @Test
  void defaultOutDirIsATimestampedDirectoryUnderRuns() {
    assertThat(ExperimentSettings.defaultOutDir(LocalDateTime.of(2025, 3, 4, 5, 6, 7)))
        .isEqualTo(Path.of("runs", "experiment-20250304-050607"));
    assertThat(ExperimentSettings.builder().build().outDir().toString()).startsWith("runs/experiment-");
  }

  @Test
  void parsesACommaSeparatedMaxVcpusList() {
    assertThat(MaxVcpusList.parse("4,20")).containsExactly(4, 20);
    assertThat(MaxVcpusList.parse(" 8 , 16,32 ")).containsExactly(8, 16, 32);
  }

  @Test
  void rejectsAnEmptyMaxVcpusList() {
    assertThatThrownBy(() -> MaxVcpusList.parse(""))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--max-vcpus needs at least one whole number, e.g. --max-vcpus 4,20");
    assertThatThrownBy(() -> ExperimentSettings.builder().maxVcpus(List.of()).build())
        .hasMessage("--max-vcpus needs at least one whole number, e.g. --max-vcpus 4,20");
  }

  @Test
  void rejectsANonNumericMaxVcpusValue() {
    assertThatThrownBy(() -> MaxVcpusList.parse("4,twenty"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--max-vcpus value 'twenty' is not a whole number; give comma-separated whole numbers, e.g. 4,20");
  }

  @Test
  void rejectsAnEmptyEntryInTheMaxVcpusList() {
    assertThatThrownBy(() -> MaxVcpusList.parse("4,,20"))
        .hasMessage("--max-vcpus '4,,20' has an empty entry; give comma-separated whole numbers, e.g. 4,20");
  }

  @Test
  void rejectsAMaxVcpusValueTooSmallForOneDefaultJob() {
    assertThatThrownBy(() -> ExperimentSettings.builder().maxVcpus(List.of(4, 1)).build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("--max-vcpus value 1 is too small for one job of 2 vCPU (jobVcpus); every value must be at least 2");
  }

  @Test
  void comparesMaxVcpusWithTheJobVcpusFromContext() {
    Map<String, String> bigJobs = Map.of("jobVcpus", "8", "instanceTypes", "m7i.2xlarge");
    assertThatThrownBy(() -> ExperimentSettings.builder().maxVcpus(List.of(4, 20)).context(bigJobs).build())
        .hasMessage("--max-vcpus value 4 is too small for one job of 8 vCPU (jobVcpus); every value must be at least 8");
    assertThat(ExperimentSettings.builder().maxVcpus(List.of(8)).context(bigJobs)
        .outDir(tmp).build().stackSettings(8).jobVcpus()).isEqualTo(8);
  }

  @Test
  void rejectsANonNumericJobVcpusContextValue() {
    assertThatThrownBy(() -> ExperimentSettings.builder().context(Map.of("jobVcpus", "two")).build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("jobVcpus=two is not allowed (allowed: a whole number from 1 to 256)");
  }

  @Test
  void checksTheContextAgainstEveryMaxVcpusValue() {
    assertThatThrownBy(() -> ExperimentSettings.builder().maxVcpus(List.of(20, 4)).context(Map.of("minVcpus", "8"))
            .build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("maxVcpus=4 is below minVcpus=8 (allowed: maxVcpus >= minVcpus)");
  }

  @Test
  void rejectsContextKeysThatLookLikeTypos() {
    assertThatThrownBy(() -> ExperimentSettings.builder().context(Map.of("jobVcpu", "2")).build())
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("unknown context key 'jobVcpu': did you mean 'jobVcpus'?");
  }

  @Test
  void rejectsZeroOrNegativeJobs() {
    assertThatThrownBy(() -> ExperimentSettings.builder().jobs(0).build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("--jobs 0 is out of range; give 1 to 10000 jobs");
    assertThatThrownBy(() -> ExperimentSettings.builder().jobs(-3).build())
        .hasMessage("--jobs -3 is out of range; give 1 to 10000 jobs");
  }

  @Test
  void rejectsJobSecondsBelowOne() {
    assertThatThrownBy(() -> ExperimentSettings.builder().jobSeconds(0).build())
        .hasMessage("--seconds 0 is out of range; jobs must sleep 1 second or more");
  }

  @Test
  void rejectsASteppedClockBecauseThePollsWouldMissTheInstances() {
    assertThatThrownBy(() -> ExperimentSettings.builder().speed(Speed.MAX).build())
        .hasMessage("--speed max is not allowed for the experiment; give a number such as 60 or 600");
  }

  @Test
  void rejectsSpeedOnTheAwsTarget() {
    assertThatThrownBy(() -> ExperimentSettings.builder().target(Target.AWS).speed(Speed.of(600)).build())
        .hasMessage("--speed only applies to --target local; AWS runs on the real clock");
  }

  @Test
  void rejectsMaxVcpusInContextBecauseTheExperimentSetsIt() {
    assertThatThrownBy(() -> ExperimentSettings.builder().context(Map.of("maxVcpus", "8")).build())
        .hasMessage("-c maxVcpus=8 is set by the experiment; give the sizes with --max-vcpus instead");
  }

  @Test
  void rejectsAnOutDirThatAlreadyHoldsAReport() throws Exception {
    Files.writeString(tmp.resolve("summary.json"), "{}");
    assertThatThrownBy(() -> ExperimentSettings.builder().outDir(tmp).build())
        .hasMessage("--out " + tmp + " already holds a report (summary.json); choose a new directory");
  }

  @Test
  void rejectsAnOutDirHoldingSomeoneElsesReportHtml() throws Exception {
    Files.writeString(tmp.resolve("report.html"), "<html>not ours</html>");
    assertThatThrownBy(() -> ExperimentSettings.builder().outDir(tmp).build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("--out " + tmp + " holds a report.html that is not a batch-lab report (no summary.json); "
            + "choose a new directory");
    assertThat(Files.readString(tmp.resolve("report.html"))).isEqualTo("<html>not ours</html>");
  }

  @Test
  void rejectsAnOutDirBelowAFile() {
    assertThatThrownBy(() -> ExperimentSettings.builder().outDir(Path.of("/dev/null/x")).build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("--out /dev/null/x cannot be created: /dev/null is a file, not a directory");
  }

  @Test
  void rejectsAnOutDirThatIsAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "");
    assertThatThrownBy(() -> ExperimentSettings.builder().outDir(file).build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("--out " + file + " is a file, not a directory; choose a directory for the report");
  }

  @Test
  void rejectsAnOutDirOnAFileSystemThatTakesNoFiles() {
    // /proc takes no new files, for root too (a chmod'ed directory would not stop root).
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
    assertThatThrownBy(() -> ExperimentSettings.builder().outDir(Path.of("/proc/batch-lab-report")).build())
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("--out /proc/batch-lab-report cannot be written (in /proc): ")
        .hasMessageEndingWith("; choose a writable directory");
    assertThat(Path.of("/proc/batch-lab-report")).doesNotExist();
  }

  @Test
  void rejectsAReadOnlyOutDir() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only directories");
    Path readOnly = Files.createDirectory(tmp.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    assertThatThrownBy(() -> ExperimentSettings.builder().outDir(readOnly.resolve("report")).build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("--out " + readOnly.resolve("report") + " cannot be written (in " + readOnly + "): permission "
            + "denied; choose a writable directory");
  }

  @Test
  void aWritableOutDirIsCheckedWithoutLeavingAnythingBehind() throws Exception {
    ExperimentSettings.builder().outDir(tmp.resolve("new").resolve("report")).build();
    ExperimentSettings.builder().outDir(tmp).build();
    try (var files = Files.list(tmp)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void rejectsANonPositiveTimeout() {
    assertThatThrownBy(() -> ExperimentSettings.builder().timeout(Duration.ZERO).build())
        .hasMessage("--timeout 0 s is not allowed; give a positive duration");
  }

  @Test
  void parsesTargets() {
    assertThat(Target.parse("local")).isEqualTo(Target.LOCAL);
    assertThat(Target.parse("AWS")).isEqualTo(Target.AWS);
    assertThatThrownBy(() -> Target.parse("azure"))
        .hasMessage("--target 'azure' is not a target; use local or aws");
  }

  @Test
  void contextForOneRunAddsMaxVcpusToTheUsersValues() {
    ExperimentSettings settings = ExperimentSettings.builder()
        .context(Map.of("spot", "false")).outDir(tmp).build();

    assertThat(settings.contextFor(20)).containsOnly(
        Map.entry("spot", "false"), Map.entry("maxVcpus", "20"));
  }
}
