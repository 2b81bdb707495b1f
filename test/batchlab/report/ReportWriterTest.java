package batchlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.Prediction;
import batchlab.analysis.RunSummary;
import batchlab.analysis.SummaryCalculator;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.run.JobShape;
import batchlab.run.Outcome;
import batchlab.run.RunRecord;
import batchlab.watch.WatchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report files from hand-built runs shaped like the article's (no emulator). */
class ReportWriterTest {

  @TempDir Path tmp;

  private static ReportRun run(int number, int maxVcpus, int atOnce, Outcome outcome) {
    SyntheticRun synthetic = SyntheticRun.of("max" + maxVcpus + "-job", 10, atOnce, 60, 97);
    Prediction prediction = Prediction.of(10, 2, 1024, maxVcpus, InstanceTypeCatalog.resolve(List.of("m7i.large")),
        Duration.ofSeconds(60));
    RunSummary summary = SummaryCalculator.summarize("run-" + number, 10, synthetic.attempts(), synthetic.samples(),
        prediction, outcome);
    RunRecord record = new RunRecord("run-" + number, SyntheticRun.T0, null, "us-east-1", "BatchLab", "queue",
        "definition", null, "max" + maxVcpus + "-job", 10, false, Map.of("seconds", "60"), new JobShape(2, 1024,
        Duration.ofSeconds(60)), List.of());
    return new ReportRun(number, maxVcpus, new WatchResult(record, synthetic.attempts(), synthetic.samples(), summary));
  }

  private static ReportContent content(String partialReason, ReportRun... runs) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("jobs per run", 10);
    settings.put("note", "<b>escaped</b> & safe");
    return new ReportContent("local emulator (clock 60x)", settings, SyntheticRun.T0, Duration.ofMillis(15_852),
        partialReason, List.of(runs));
  }

  @Test
  void comparisonTableLinesUpForTheTerminal() {
    // makespan: last of 5 waves stops at 97 + 4 x 60 + 60 s; mean wait: 97 + 120 - 4.5 s (submits 1 s apart)
    List<ComparisonRow> rows = content(null, run(1, 4, 2, Outcome.COMPLETED), run(2, 20, 10, Outcome.COMPLETED)).rows();

    assertThat(ComparisonTable.text(rows)).isEqualTo("""
        max vCPU  jobs  max running  waves  makespan  ideal makespan  efficiency  peak instances  mean RUNNABLE wait  plan makespan  cost USD  boot+idle  USD/job  verdict
               4    10            2      5     397 s           300 s         76%               2             212.5 s              -         -          -        -  as predicted
              20    10           10      1     157 s            60 s         38%              10              92.5 s              -         -          -        -  as predicted
        """);
    assertThat(ComparisonTable.markdown(rows)).startsWith("""
        | max vCPU | jobs | max running | waves | makespan | ideal makespan | efficiency | peak instances | mean RUNNABLE wait | plan makespan | cost USD | boot+idle | USD/job | verdict |
        |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
        | 4 | 10 | 2 | 5 | 397 s | 300 s | 76% | 2 | 212.5 s | - | - | - | - | as predicted |
        """);
    assertThat(ComparisonTable.assumedSpotNote(rows)).isEmpty();
  }

  @Test
  void aPricedRunShowsThePlannedMakespanItsCostAndMarksAnAssumedSpotPrice() {
    ReportRun priced = run(1, 4, 2, Outcome.COMPLETED).withPlanAndCost(417.0, new RunCost(0.0120, 0.0015, 0.0050,
        0.0012, 1430, true));

    List<String> cells = ComparisonTable.cells(ComparisonRow.of(priced));

    assertThat(cells.subList(9, 14)).containsExactly("417 s", "0.0120*", "54%", "0.00120", "as predicted");
    assertThat(ComparisonTable.assumedSpotNote(List.of(ComparisonRow.of(priced))))
        .isEqualTo("* cost with an ASSUMED spot price (see the prices in the settings)");
  }

  @Test
  void threeOrMoreMaxVcpusValuesGetTheObservedAgainstPlannedChartAndItsData() throws Exception {
    ReportRun four = run(1, 4, 2, Outcome.COMPLETED).withPlanAndCost(417.0, null);
    ReportRun eight = run(2, 8, 4, Outcome.COMPLETED).withPlanAndCost(287.0, null);
    ReportRun twenty = run(3, 20, 10, Outcome.COMPLETED).withPlanAndCost(157.0, null);

    assertThat(MakespanComparison.of(List.of(four, twenty))).isEmpty();
    MakespanComparison comparison = MakespanComparison.of(List.of(twenty, four, eight)).orElseThrow();
    // observed: 97 s boot + waves x 60 s (5, 3 and 1 waves); ideal: waves x 60 s
    assertThat(comparison.points()).containsExactly(
        new MakespanComparison.Point(4, 397, 417, 300.0),
        new MakespanComparison.Point(8, 277, 287, 180.0),
        new MakespanComparison.Point(20, 157, 157, 60.0));

    ReportFiles files = ReportWriter.write(content(null, four, eight, twenty), tmp);
    assertThat(files.charts()).contains(tmp.resolve(MakespanComparison.CHART_FILE));
    assertThat(Files.readString(files.markdown())).contains("](" + MakespanComparison.CHART_FILE + ")");
    assertThat(Files.readString(files.summaryJson())).contains("\"makespanVsMaxVcpus\"")
        .contains("\"plannedSeconds\" : 287.0");
  }

  @Test
  void shortVerdictSaysWhatDiffersOrThatTheRunIsIncomplete() {
    // 3 at once where maxvCpus 4 allows 2: observed differs from the prediction
    ComparisonRow differs = ComparisonRow.of(run(1, 4, 3, Outcome.COMPLETED));
    ComparisonRow timedOut = ComparisonRow.of(run(1, 4, 2, Outcome.TIMED_OUT));

    assertThat(differs.verdict()).isEqualTo("differs: predicted 2 at once, 5 waves");
    assertThat(differs.verdictDetail()).startsWith("more at once than predicted");
    assertThat(timedOut.verdict()).isEqualTo("incomplete (timed out)");
  }

  @Test
  void writesTheChartsTheMarkdownTheSelfContainedHtmlAndTheJson() throws Exception {
    ReportFiles files = ReportWriter.write(content(null, run(1, 4, 2, Outcome.COMPLETED)), tmp);

    assertThat(files.charts()).containsExactly(tmp.resolve("run1-max4-timeline.png"), tmp.resolve("run1-max4-activity.png"));
    Document html = Jsoup.parse(files.html().toFile());
    assertThat(html.title()).isEqualTo("batch-lab experiment report");
    assertThat(html.select("style")).hasSize(1);
    assertThat(html.select("img")).extracting(e -> e.attr("src")).allMatch(src -> src.startsWith("data:image/png;base64,"));
    assertThat(html.select("li").eachText()).contains("note: <b>escaped</b> & safe");
    assertThat(html.select("b")).isEmpty();
    assertThat(html.select(".partial")).isEmpty();
    assertThat(Files.readString(files.markdown())).contains("- note: <b>escaped</b> & safe")
        .contains("![Run 1, max vCPU 4: timeline](run1-max4-timeline.png)");
    assertThat(Files.readString(files.summaryJson())).contains("\"partial\" : false")
        .contains("\"wallSeconds\" : 15.852");
  }

  @Test
  void aPartialReportSaysSoFirst() throws Exception {
    ReportFiles files = ReportWriter.write(content("interrupted during run 1 (max vCPU 4)",
        run(1, 4, 2, Outcome.INTERRUPTED)), tmp);

    Document html = Jsoup.parse(files.html().toFile());
    assertThat(html.select("h1 + p.partial").text())
        .isEqualTo("PARTIAL REPORT: interrupted during run 1 (max vCPU 4). It shows the runs as far as they got.");
    assertThat(Files.readString(files.markdown()).lines().skip(2).findFirst().orElseThrow())
        .isEqualTo("> **PARTIAL REPORT: interrupted during run 1 (max vCPU 4). It shows the runs as far as they got.**");
    assertThat(Files.readString(files.summaryJson())).contains("\"partial\" : true")
        .contains("\"partialReason\" : \"interrupted during run 1 (max vCPU 4)\"");
  }
}
