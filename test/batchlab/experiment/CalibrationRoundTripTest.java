package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.analysis.Calibration;
import batchlab.analysis.CalibrationResult;
import batchlab.analysis.Figure;
import batchlab.analysis.TwinComparison;
import batchlab.local.Timings;
import batchlab.run.JobAttempt;
import batchlab.watch.WatchResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs made on the emulator with timings far from the defaults (boot 150 s, container start 12 s,
 * scale-in 7 min) are calibrated back to those timings, and replaying them on the twin with the
 * fitted profile reproduces every job's start.
 */
class CalibrationRoundTripTest {

  static final Timings TRUE = Timings.DEFAULT.withInstanceBoot(Duration.ofSeconds(150))
      .withJobStart(Duration.ofSeconds(12)).withScaleDown(Duration.ofMinutes(7));

  @TempDir static Path runs;
  static WatchResult waves;
  static WatchResult wide;
  static CalibrationResult fitted;

  @BeforeAll
  static void runTwiceAndCalibrate() {
    waves = TwinRuns.run(4, 10, TRUE, runs);
    wide = TwinRuns.run(20, 10, TRUE, runs);
    fitted = Calibration.fit(List.of(data(waves), data(wide)));
  }

  static Calibration.RunData data(WatchResult run) {
    return new Calibration.RunData(run.run().runId(), run.attempts(), run.observations());
  }

  @Test
  void everyDelayIsFittedWithinFivePercentOfTheTruth() {
    assertWithinFivePercent(fitted.instanceBoot(), TRUE.instanceBoot());
    assertWithinFivePercent(fitted.jobStart(), TRUE.jobStart());
    assertWithinFivePercent(fitted.scaleDown(), TRUE.scaleDown());
    assertWithinFivePercent(fitted.dispatch(), TRUE.dispatch());
  }

  @Test
  void eachFigureCountsItsObservations() {
    // 2 instances in the waves run, 10 in the wide one; 10 tasks each
    assertThat(fitted.instanceBoot().observations()).isEqualTo(12);
    assertThat(fitted.scaleDown().observations()).isEqualTo(12);
    assertThat(fitted.dispatch().observations()).isEqualTo(12);
    assertThat(fitted.jobStart().observations()).isEqualTo(20);
    assertThat(fitted.imagePull().fitted()).isFalse();
    assertThat(fitted.imagePull().refused()).isEqualTo("no task reported an image pull");
  }

  @Test
  void replayingWithTheFittedProfileReproducesEveryStartWithinTwoSeconds() {
    Timings profile = TimingsFile.parse(json(fitted), "fitted");
    for (WatchResult run : List.of(waves, wide)) {
      int maxVcpus = run == waves ? 4 : 20;
      List<JobAttempt> replayed = TwinReplay.replay(TwinRuns.stack(maxVcpus).templateJson(),
          TwinRuns.stack(maxVcpus).stackName(), profile, run.run(), run.attempts());
      TwinComparison comparison = TwinComparison.of("fitted", run.attempts(), replayed);
      assertThat(comparison.jobs()).isEqualTo(10);
      assertThat(comparison.maxStartError()).isLessThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(comparison.makespanError().abs()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void theDefaultTimingsAreVisiblyOff() {
    List<JobAttempt> replayed = TwinReplay.replay(TwinRuns.stack(20).templateJson(), TwinRuns.stack(20).stackName(),
        Timings.DEFAULT, wide.run(), wide.attempts());
    TwinComparison comparison = TwinComparison.of("default", wide.attempts(), replayed);
    // 60 s shorter boot and 7 s shorter start than the truth: every job starts 67 s early
    assertThat(comparison.meanStartError()).isEqualTo(Duration.ofSeconds(67));
    assertThat(comparison.makespanError()).isEqualTo(Duration.ofSeconds(-67));
  }

  static String json(CalibrationResult result) {
    try {
      return batchlab.run.RunJson.mapper().writeValueAsString(result.profile());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertWithinFivePercent(Figure figure, Duration truth) {
    assertThat(figure.fitted()).as(figure.name() + ": " + figure.refused()).isTrue();
    assertThat((double) figure.value().toMillis()).as(figure.name())
        .isCloseTo(truth.toMillis(), within(truth.toMillis() * 0.05));
  }
}
