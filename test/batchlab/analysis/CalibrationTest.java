package batchlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.Attempts;
import batchlab.run.InstanceObservation;
import batchlab.run.JobAttempt;
import batchlab.run.Observations;
import batchlab.run.RunStore;
import batchlab.run.TaskObservation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which figures calibration fits from which data, and what it says when it cannot. */
class CalibrationTest {

  /** A run watched before observations.json existed: jobs.json, summary.json, timeline.csv only. */
  static final Path OLD_RUNS = Path.of("test", "batchlab", "analysis", "fixtures");

  @Test
  void aRunRecordedBeforeObservationsCalibratesContainerStartFromItsHandOvers() {
    RunStore store = new RunStore(OLD_RUNS);
    String id = "run-before-observations";
    assertThat(store.loadObservations(id)).isEmpty();

    CalibrationResult result = Calibration.fit(List.of(new Calibration.RunData(id, store.loadAttempts(id), null)));

    // 10 jobs, 2 slots: the 8 jobs of waves 2 to 5 each start 5 s after the job before them stopped
    assertThat(result.jobStart().value()).isEqualTo(Duration.ofSeconds(5));
    assertThat(result.jobStart().observations()).isEqualTo(8);
    assertThat(result.jobStart().source()).startsWith("hand-overs");
    for (Figure refused : List.of(result.instanceBoot(), result.dispatch(), result.scaleDown())) {
      assertThat(refused.fitted()).isFalse();
      assertThat(refused.refused()).isEqualTo(
          "the runs have no observations.json (watched before batch-lab recorded them)");
    }
    assertThat(result.instanceBoot().line())
        .isEqualTo("instance boot    not fitted: the runs have no observations.json (watched before batch-lab recorded them)");
    assertThat(result.anyFitted()).isTrue();
  }

  @Test
  void aRunWithOneInstanceIsTooShortForEveryFigureAndSaysHowManyItHad() {
    JobAttempt job = Attempts.succeeded(1, 0, 97, 157, "i-1");
    Observations one = new Observations(
        List.of(new InstanceObservation("arn:ecs:container-instance/c/1", "i-1", "m7i.large", 2, Attempts.at(2),
            Attempts.at(92), Attempts.at(455), Attempts.at(460))),
        List.of(new TaskObservation(job.jobId(), 1, "arn:ecs:task/c/1", "i-1", Attempts.at(92), null, null,
            Attempts.at(97), Attempts.at(157))),
        List.of());

    CalibrationResult result = Calibration.fit(List.of(new Calibration.RunData("short", List.of(job), one)));

    assertThat(result.anyFitted()).isFalse();
    assertThat(result.instanceBoot().refused())
        .isEqualTo("1 observation (ECS registeredAt - EC2 launchTime per instance), at least 3 needed");
    assertThat(result.dispatch().refused())
        .isEqualTo("1 observation (instance launchTime - createdAt of its first job), at least 3 needed");
    assertThat(result.jobStart().refused())
        .isEqualTo("1 observation (ECS task startedAt - createdAt per attempt), at least 3 needed");
    assertThat(result.scaleDown().refused())
        .isEqualTo("1 observation (left the cluster - its last job's stoppedAt per instance), at least 3 needed");
  }

  @Test
  void imagePullIsReportedApartWhenTheTasksHaveIt() {
    List<TaskObservation> tasks = List.of(pulled(1, 10, 13, 20), pulled(2, 10, 14, 21), pulled(3, 10, 12, 19));
    CalibrationResult result = Calibration.fit(List.of(new Calibration.RunData("r", List.of(),
        new Observations(List.of(), tasks, List.of()))));

    // pulls of 2, 3 and 1 s (each begins 1 s after its task was created)
    assertThat(result.imagePull().value()).isEqualTo(Duration.ofSeconds(2));
    assertThat(result.imagePull().min()).isEqualTo(Duration.ofSeconds(1));
    assertThat(result.imagePull().max()).isEqualTo(Duration.ofSeconds(3));
    assertThat(result.jobStart().value()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aSpotReclaimIsNoScaleIn() {
    JobAttempt lost = new JobAttempt("j-1", "id-1", 1, batchlab.run.JobState.FAILED,
        "Host EC2 (instance i-1) terminated.", null, Attempts.at(0), Attempts.at(0), Attempts.at(97), Attempts.at(120),
        "i-1", "m7i.large", null);
    Observations gone = new Observations(List.of(new InstanceObservation("arn:ecs:container-instance/c/1", "i-1",
        "m7i.large", 2, null, Attempts.at(92), Attempts.at(120), Attempts.at(125))), List.of(), List.of());

    CalibrationResult result = Calibration.fit(List.of(new Calibration.RunData("r", List.of(lost), gone)));

    assertThat(result.scaleDown().observations()).isZero();
  }

  private static TaskObservation pulled(int n, double created, double pulled, double started) {
    return new TaskObservation("id-" + n, 1, "arn:ecs:task/c/" + n, "i-" + n, Attempts.at(created),
        Attempts.at(created + 1), Attempts.at(pulled), Attempts.at(started), Attempts.at(started + 60));
  }
}
