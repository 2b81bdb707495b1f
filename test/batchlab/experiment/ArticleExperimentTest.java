package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import batchlab.local.Speed;
import batchlab.plan.ConfigurationResult;
import batchlab.plan.Prices;
import batchlab.report.ComparisonRow;
import batchlab.run.Outcome;
import batchlab.run.RunJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default experiment (max vCPU 4 then 20, 10 jobs of 2 vCPU x 60 s) on the local emulator, run
 * once, reproduces the article's table and writes every report file.
 */
class ArticleExperimentTest {

  /**
   * Fast, yet slow enough that the fan-out's real-time spread (tens of ms, more on a loaded machine)
   * stays far below one 60 s job (500 ms here): a larger spread would split the 20 vCPU run into waves.
   */
  static final Speed FAST = Speed.of(120);

  @TempDir static Path tmp;
  static ExperimentResult result;
  static ExperimentSettings settings;
  static Path out;

  @BeforeAll
  static void runTheDefaultExperiment() throws Exception {
    out = tmp.resolve("report");
    settings = ExperimentSettings.builder().speed(FAST).outDir(out).build();
    result = new Experiment(settings, LocalTarget.start(settings), ExperimentListener.NONE).run();
  }

  @Test
  void maxVcpusFourRunsTwoAtOnceInFiveWavesOnTwoInstances() {
    ComparisonRow four = result.content().rows().get(0);

    assertThat(four.maxVcpus()).isEqualTo(4);
    assertThat(four.jobs()).isEqualTo(10);
    assertThat(four.maxRunning()).isEqualTo(2);
    assertThat(four.waves()).isEqualTo(5);
    assertThat(four.peakInstances()).isEqualTo(2);
    assertThat(four.idealMakespan()).isEqualTo(Duration.ofSeconds(300));
    // 5 waves of 60 s plus the instance boot (90 s) and job starts on the emulator's clock
    assertThat(four.makespan()).isBetween(Duration.ofSeconds(390), Duration.ofSeconds(480));
    assertThat(four.efficiency()).isBetween(0.6, 0.8);
    assertThat(four.verdict()).isEqualTo("as predicted");
  }

  @Test
  void maxVcpusTwentyRunsAllTenAtOnceInOneWaveOnTenInstances() {
    ComparisonRow twenty = result.content().rows().get(1);

    assertThat(twenty.maxVcpus()).isEqualTo(20);
    assertThat(twenty.maxRunning()).isEqualTo(10);
    assertThat(twenty.waves()).isEqualTo(1);
    assertThat(twenty.peakInstances()).isEqualTo(10);
    assertThat(twenty.idealMakespan()).isEqualTo(Duration.ofSeconds(60));
    assertThat(twenty.makespan()).isBetween(Duration.ofSeconds(150), Duration.ofSeconds(200));
    assertThat(twenty.verdict()).isEqualTo("as predicted");
  }

  @Test
  void theSecondValueIsAppliedLikeCdkDeployWithUpdateStackAndItsEventsAreReported() throws Exception {
    var first = result.content().runs().get(0);
    var second = result.content().runs().get(1);

    assertThat(first.swapEvents()).isEmpty();
    assertThat(second.swapMethod()).isEqualTo("UpdateStack");
    assertThat(second.swapEvents()).first().asString().endsWith("BatchLab  UPDATE_IN_PROGRESS  User Initiated");
    assertThat(second.swapEvents()).anyMatch(e -> e.endsWith("ComputeEnvironment2B67C44C  UPDATE_COMPLETE"))
        .last().asString().endsWith("BatchLab  UPDATE_COMPLETE");
    JsonNode summary = RunJson.mapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("settings").path("swap").asText()).startsWith("UpdateStack");
    assertThat(summary.path("runs").path(1).path("swapEvents")).hasSize(second.swapEvents().size());
    assertThat(Files.readString(out.resolve("report.md"))).contains("max vCPU 20 applied with UpdateStack");
  }

  @Test
  void everyJobSucceededAndTheReportIsComplete() {
    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.content().partial()).isFalse();
    assertThat(result.content().runs()).allSatisfy(r -> assertThat(r.summary().outcome()).isEqualTo(Outcome.COMPLETED));
  }

  @Test
  void writesAllReportFiles() {
    assertThat(out.resolve("report.html")).isRegularFile();
    assertThat(out.resolve("report.md")).isRegularFile();
    assertThat(out.resolve("summary.json")).isRegularFile();
    assertThat(result.files().charts()).extracting(p -> p.getFileName().toString()).containsExactly(
        "run1-max4-timeline.png", "run1-max4-activity.png", "run2-max20-timeline.png", "run2-max20-activity.png");
    // each run's own record, summary and timeline, as submit/watch write them
    assertThat(result.content().runs()).allSatisfy(r -> {
      Path runDir = out.resolve("runs").resolve(r.watch().run().runId());
      assertThat(runDir.resolve("jobs.json")).isRegularFile();
      assertThat(runDir.resolve("timeline.csv")).isRegularFile();
    });
  }

  @Test
  void chartPngsAreValidImagesOfNonTrivialSize() throws Exception {
    for (Path chart : result.files().charts()) {
      BufferedImage image = ImageIO.read(chart.toFile());
      assertThat(image).as(chart.toString()).isNotNull();
      assertThat(image.getWidth()).isEqualTo(1000);
      assertThat(image.getHeight()).isGreaterThanOrEqualTo(360);
      assertThat(Files.size(chart)).isGreaterThan(15_000);
    }
  }

  @Test
  void htmlParsesAndReferencesOnlyEmbeddedContent() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    Document doc = Jsoup.parse(html);

    assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
    assertThat(doc.select("script, link, iframe, object")).isEmpty();
    for (Element e : doc.select("[src], [href]")) {
      assertThat(e.hasAttr("src") ? e.attr("src") : e.attr("href")).startsWith("data:");
    }
    List<Element> images = doc.select("img");
    assertThat(images).hasSize(4);
    for (Element img : images) {
      String src = img.attr("src");
      assertThat(src).startsWith("data:image/png;base64,");
      byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
      assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
    }
  }

  @Test
  void eachRunIsPricedFromTheTwinsInstancesLikeThePlanAndShowsThePlansMakespan() {
    ExperimentPlan plan = ExperimentPlan.of(settings, Prices.listPrices());
    for (ComparisonRow row : result.content().rows()) {
      ConfigurationResult planned = plan.predicted(row.maxVcpus()).orElseThrow();
      // the plan runs the same scheduler with every job submitted at once: 417 s and 157 s
      assertThat(row.plannedMakespan()).isEqualTo(row.maxVcpus() == 4 ? 417.0 : 157.0);
      // the watch sees each instance leave to within a poll (5 s of the twin's clock)
      assertThat(row.costUsd()).as("max vCPU %d", row.maxVcpus()).isCloseTo(planned.cost(), withinPercentage(3));
      assertThat(row.bootAndIdleShare()).isCloseTo((planned.bootCost() + planned.idleCost()) / planned.cost(),
          within(0.03));
      assertThat(row.costPerJobUsd()).isCloseTo(row.costUsd() / 10, within(1e-12));
      assertThat(row.spotPriceAssumed()).isTrue();
    }
    assertThat(result.content().settings().get("cost").toString()).startsWith("estimated: the twin's instances as the "
        + "watch saw them, launch to scale-in, x prices; on-demand: EC2 list prices").contains("spot: ASSUMED 30 %");
  }

  @Test
  void htmlAndMarkdownShowTheComparisonTable() throws Exception {
    Document doc = Jsoup.parse(out.resolve("report.html").toFile());
    List<String> header = doc.select("table thead th").eachText();
    List<String> four = doc.select("table tbody tr").get(0).select("td").eachText();
    List<String> twenty = doc.select("table tbody tr").get(1).select("td").eachText();

    assertThat(header).containsExactly("max vCPU", "jobs", "max running", "waves", "makespan", "ideal makespan",
        "efficiency", "peak instances", "mean RUNNABLE wait", "plan makespan", "cost USD", "boot+idle", "USD/job",
        "verdict");
    assertThat(four.subList(0, 4)).containsExactly("4", "10", "2", "5");
    assertThat(four.get(5)).isEqualTo("300 s");
    assertThat(four.get(7)).isEqualTo("2");
    assertThat(twenty.subList(0, 4)).containsExactly("20", "10", "10", "1");
    assertThat(twenty.get(7)).isEqualTo("10");
    assertThat(doc.select(".partial")).isEmpty();

    String md = Files.readString(out.resolve("report.md"));
    assertThat(md).contains("| 4 | 10 | 2 | 5 | ").contains("| 20 | 10 | 10 | 1 | ")
        .contains("![Run 1, max vCPU 4: timeline](run1-max4-timeline.png)")
        .contains("![Run 2, max vCPU 20: activity](run2-max20-activity.png)");
  }

  @Test
  void summaryJsonHasEveryFigure() throws Exception {
    JsonNode json = RunJson.mapper().readTree(out.resolve("summary.json").toFile());

    assertThat(json.get("partial").asBoolean()).isFalse();
    assertThat(json.get("runs")).hasSize(2);
    JsonNode four = json.get("runs").get(0);
    assertThat(four.get("maxVcpus").asInt()).isEqualTo(4);
    assertThat(four.at("/comparison/maxRunning").asInt()).isEqualTo(2);
    assertThat(four.at("/comparison/waves").asInt()).isEqualTo(5);
    assertThat(four.at("/comparison/idealMakespanSeconds").asDouble()).isEqualTo(300.0);
    assertThat(four.at("/comparison/makespanSeconds").asDouble()).isGreaterThan(300.0);
    assertThat(four.at("/comparison/efficiency").asDouble()).isBetween(0.6, 0.8);
    assertThat(four.at("/comparison/meanRunnableWaitSeconds").asDouble()).isGreaterThan(90.0);
    assertThat(four.at("/summary/byStatus/SUCCEEDED").asInt()).isEqualTo(10);
    assertThat(four.at("/summary/prediction/instanceType").asText()).isEqualTo("m7i.large");
    assertThat(four.at("/charts/timeline").asText()).isEqualTo("run1-max4-timeline.png");
    JsonNode twenty = json.get("runs").get(1);
    assertThat(twenty.at("/comparison/maxRunning").asInt()).isEqualTo(10);
    assertThat(twenty.at("/comparison/peakInstances").asInt()).isEqualTo(10);
  }
}
