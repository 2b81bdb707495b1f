package batchlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ChartsTest {

  private static final SyntheticRun FOUR = SyntheticRun.of("max4-job", 10, 2, 60, 40);

  @Test
  void timelineHasOneLanePerJobWithItsWaitThenItsRunningTime() {
    XYChart chart = TimelineChart.of("t", FOUR.attempts(), FOUR.origin(), FOUR.end());

    // job 3 (second wave): created at 2 s, waited until 100 s, ran until 160 s; lanes count down from the top
    XYSeries wait3 = barAt(chart, TimelineChart.WAITING, 8);
    XYSeries run3 = barAt(chart, TimelineChart.RUNNING, 8);
    assertThat(wait3.getXData()).containsExactly(2.0, 100.0);
    assertThat(run3.getXData()).containsExactly(100.0, 160.0);
    assertThat(chart.getSeriesMap().values()).filteredOn(XYSeries::isShowInLegend).hasSize(2);
    assertThat(chart.getSeriesMap().values()).filteredOn(s -> s.getLabel().startsWith("R")).hasSize(20);
    assertThat(chart.getXAxisTitle()).isEqualTo("seconds since first submit");
  }

  @Test
  void timelineLabelsEveryLaneWithItsJobNameFirstJobOnTop() {
    XYChart chart = TimelineChart.of("t", FOUR.attempts(), FOUR.origin(), FOUR.end());
    var label = chart.getStyler().getyAxisTickLabelsFormattingFunction();

    assertThat(label.apply(10.0)).isEqualTo("max4-job-1");
    assertThat(label.apply(1.0)).isEqualTo("max4-job-10");
    assertThat(label.apply(0.0)).isBlank();
    assertThat(label.apply(11.0)).isBlank().isNotEqualTo(label.apply(0.0));
  }

  @Test
  void timelineOfManyJobsNumbersTheLanesInsteadOfNamingThem() {
    SyntheticRun many = SyntheticRun.of("big", 100, 20, 60, 40);
    XYChart chart = TimelineChart.of("t", many.attempts(), many.origin(), many.end());
    var label = chart.getStyler().getyAxisTickLabelsFormattingFunction();

    assertThat(chart.getYAxisTitle()).isEqualTo("job number");
    // 100 lanes: a number on every 3rd lane (at most about 40 numbers), blanks elsewhere
    assertThat(label.apply(99.0)).isEqualTo("2");
    assertThat(label.apply(3.0)).isEqualTo("98");
    assertThat(label.apply(100.0)).isEmpty();
    assertThat(label.apply(0.0)).isBlank();
  }

  @Test
  void timelineShowsEachStateOnceInTheLegend() {
    XYChart chart = TimelineChart.of("t", FOUR.attempts(), FOUR.origin(), FOUR.end());

    Set<String> legend = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend)
        .map(XYSeries::getLabel).collect(Collectors.toSet());
    assertThat(legend).containsExactlyInAnyOrder(TimelineChart.WAITING, TimelineChart.RUNNING);
  }

  @Test
  void timelineOrdersLanesByJobNumberWhenJobsStartInSubmitOrder() {
    List<List<JobAttempt>> lanes = TimelineChart.lanes(FOUR.attempts());

    assertThat(lanes).extracting(lane -> lane.get(0).jobName())
        .containsExactly("max4-job-1", "max4-job-2", "max4-job-3", "max4-job-4", "max4-job-5", "max4-job-6",
            "max4-job-7", "max4-job-8", "max4-job-9", "max4-job-10");
  }

  @Test
  void timelineOrdersLanesByFirstStartSoWavesReadAsAStaircase() {
    Instant t0 = SyntheticRun.T0;
    List<JobAttempt> attempts = List.of(
        new JobAttempt("j-10", "a", 1, JobState.SUCCEEDED, null, 0, t0, t0, t0.plusSeconds(10), t0.plusSeconds(70),
            "i-1", "m7i.large", null),
        new JobAttempt("j-2", "b", 1, JobState.SUCCEEDED, null, 0, t0, t0, t0.plusSeconds(70), t0.plusSeconds(130),
            "i-1", "m7i.large", null),
        new JobAttempt("j-1", "c", 1, JobState.RUNNABLE, null, null, t0, t0, null, null, null, null, null),
        new JobAttempt("j-3", "d", 1, JobState.SUCCEEDED, null, 0, t0, t0, t0.plusSeconds(10), t0.plusSeconds(70),
            "i-2", "m7i.large", null));

    assertThat(TimelineChart.lanes(attempts)).extracting(lane -> lane.get(0).jobName())
        .containsExactly("j-3", "j-10", "j-2", "j-1");
  }

  @Test
  void timelineRunsOpenBarsToTheEndOfTheObservationAndMarksFailedAttempts() {
    Instant t0 = SyntheticRun.T0;
    List<JobAttempt> attempts = new ArrayList<>();
    attempts.add(new JobAttempt("j-1", "a", 1, JobState.FAILED, "Host EC2 (instance i-1) terminated.", null, t0, t0,
        t0.plusSeconds(10), t0.plusSeconds(20), "i-1", "m7i.large", null));
    attempts.add(new JobAttempt("j-1", "a", 2, JobState.RUNNING, null, null, t0, t0.plusSeconds(20),
        t0.plusSeconds(30), null, "i-2", "m7i.large", null));
    attempts.add(new JobAttempt("j-2", "b", 1, JobState.RUNNABLE, null, null, t0, t0, null, null, null, null, null));

    XYChart chart = TimelineChart.of("t", attempts, t0, t0.plusSeconds(50));

    assertThat(barAt(chart, TimelineChart.FAILED, 2).getXData()).containsExactly(10.0, 20.0);
    assertThat(chart.getSeriesMap().values()).filteredOn(s -> s.getLabel().equals(TimelineChart.RUNNING))
        .singleElement().satisfies(s -> assertThat(s.getXData()).containsExactly(30.0, 50.0));
    assertThat(barAt(chart, TimelineChart.WAITING, 1).getXData()).containsExactly(0.0, 50.0);
  }

  @Test
  void activityChartPlotsExactRunningStepsPolledInstancesAndThePrediction() {
    XYChart chart = ActivityChart.of("a", FOUR.attempts(), FOUR.samples(), 2, FOUR.origin(), FOUR.end());

    XYSeries running = chart.getSeriesMap().get(ActivityChart.RUNNING);
    assertThat(running.getYData()).containsOnly(0.0, 2.0);
    assertThat(running.getXData()).startsWith(0.0, 40.0).endsWith(340.0);
    assertThat(chart.getSeriesMap().get(ActivityChart.INSTANCES).getYMax()).isEqualTo(2.0);
    assertThat(chart.getSeriesMap().get("predicted jobs at once (2)").getYData()).containsExactly(2.0, 2.0);
  }

  @Test
  @Timeout(60) // a hang guard: XChart's tick search can loop forever on labels it cannot tell apart
  void chartsEncodeAsReadablePngsOfUsefulSize() throws Exception {
    SyntheticRun twenty = SyntheticRun.of("max20-job", 10, 10, 60, 40);
    Path dir = Files.createDirectories(Path.of("target", "chart-previews"));
    byte[] timeline = TimelineChart.png("maxvCpus 4: 10 jobs of 2 vCPU", FOUR.attempts(), FOUR.origin(), FOUR.end());
    byte[] activity = ActivityChart.png("maxvCpus 20", twenty.attempts(), twenty.samples(), 10, twenty.origin(),
        twenty.end());
    SyntheticRun many = SyntheticRun.of("big", 100, 20, 60, 40);
    Files.write(dir.resolve("timeline-100.png"), TimelineChart.png("100 jobs", many.attempts(), many.origin(), many.end()));
    Files.write(dir.resolve("activity-4.png"),
        ActivityChart.png("maxvCpus 4", FOUR.attempts(), FOUR.samples(), 2, FOUR.origin(), FOUR.end()));
    // Written for a human to look at while working on the charts; the assertions below do the checking.
    Files.write(dir.resolve("timeline.png"), timeline);
    Files.write(dir.resolve("activity.png"), activity);

    for (byte[] png : List.of(timeline, activity)) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image).isNotNull();
      assertThat(image.getWidth()).isEqualTo(1000);
      assertThat(image.getHeight()).isGreaterThanOrEqualTo(360);
      assertThat(png.length).isGreaterThan(10_000);
    }
  }

  @Test
  @Timeout(120)
  void chartsCanBeEncodedWhileTheJvmShutsDownAsAfterCtrlC() throws Exception {
    Path png = Files.createTempFile("shutdown-hook", ".png");
    Files.delete(png);
    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
        RenderInShutdownHook.class.getName(), png.toString())
        .redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes());

    assertThat(java.waitFor()).isZero();
    assertThat(output).as("no stack trace from the hook").isEmpty();
    assertThat(ImageIO.read(png.toFile())).isNotNull();
    Files.delete(png);
  }

  private static XYSeries barAt(XYChart chart, String state, double lane) {
    return chart.getSeriesMap().values().stream()
        .filter(s -> s.getLabel().equals(state) && s.getYData()[0] == lane)
        .findFirst().orElseThrow(() -> new AssertionError("no " + state + " bar on lane " + lane));
  }
}
