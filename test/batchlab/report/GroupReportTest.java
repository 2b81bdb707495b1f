package batchlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.GroupSplit;
import batchlab.analysis.RunSummary;
import batchlab.analysis.SummaryCalculator;
import batchlab.run.JobGroup;
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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The report's split by queue and share: the table, and the stacked chart of vCPUs per share. */
class GroupReportTest {

  static final String QUEUE = "arn:aws:batch:us-east-1:000000000000:job-queue/q";

  @TempDir Path tmp;

  /** 6 jobs, 2 at a time: jobs 1-3 teamA, 4-6 teamB, in the order SyntheticRun starts them. */
  static WatchResult sharedRun() {
    SyntheticRun synthetic = SyntheticRun.of("job", 6, 2, 60, 10);
    RunRecord record = new RunRecord("run-1", SyntheticRun.T0, null, "us-east-1", "BatchLab", QUEUE, "definition",
        null, "job", 6, false, Map.of(), new JobShape(2, 1024, Duration.ofSeconds(60)), List.of(),
        List.of(new JobGroup(QUEUE, "default", "teamA", null, 3), new JobGroup(QUEUE, "default", "teamB", null, 3)));
    RunSummary summary = SummaryCalculator.summarize("run-1", 6, synthetic.attempts(), synthetic.samples(), null,
        Outcome.COMPLETED).withGroups(GroupSplit.of(record, synthetic.attempts()));
    return new WatchResult(record, synthetic.attempts(), synthetic.samples(), summary);
  }

  @Test
  void aRunWithSharesGetsTheTableAndTheStackedChartInEveryFormat() throws Exception {
    ReportRun run = new ReportRun(1, 4, sharedRun());
    ReportFiles files = ReportWriter.write(new ReportContent("local emulator", new LinkedHashMap<>(),
        SyntheticRun.T0, Duration.ofSeconds(1), null, List.of(run)), tmp);

    assertThat(files.charts()).containsExactly(tmp.resolve("run1-max4-timeline.png"),
        tmp.resolve("run1-max4-activity.png"), tmp.resolve("run1-max4-shares.png"));
    Document html = Jsoup.parse(files.html().toFile());
    assertThat(html.select("h3").eachText()).contains("By queue and share");
    assertThat(html.select("table").last().select("tr").eachText()).containsExactly(
        "by name jobs peak vCPUs busy vCPUs median wait max wait makespan",
        // teamA (jobs 1-3, created at 0-2 s) waits 10, 9 and 68 s; teamB (4-6) 67, 126 and 125 s. Both have work
        // from 3 s (teamB's first submit) to 130 s (teamA's last stop): teamA 4 vCPUs for 60 s and 2 for 60 s,
        // teamB 2 for 60 s, over those 127 s.
        "share teamA 3 4 2.83 10 s 68 s 130 s",
        "share teamB 3 4 0.94 125 s 126 s 187 s");
    assertThat(html.select("img").last().attr("alt")).isEqualTo("Run 1, max vCPU 4: vCPUs RUNNING per share (stacked)");
    assertThat(Files.readString(files.markdown())).contains("| share | teamA | 3 | 4 | 2.83 | 10 s | 68 s | 130 s |")
        .contains("![Run 1, max vCPU 4: vCPUs per group](run1-max4-shares.png)");
    assertThat(Files.readString(files.summaryJson())).contains("\"groups\" : \"run1-max4-shares.png\"")
        .contains("\"meanRunningVcpusContended\" : 2.83");
  }

  @Test
  void eachShareIsStackedOnTheOnesBeforeItSoTheTopEdgeIsTheTotal() {
    WatchResult result = sharedRun();
    ReportRun run = new ReportRun(1, 4, result);
    XYChart chart = GroupChart.of("t", result.run(), result.attempts(), "share", run.origin(), run.end());

    XYSeries teamA = chart.getSeriesMap().get("share teamA");
    XYSeries teamB = chart.getSeriesMap().get("share teamB");
    // At 10 s jobs 1 and 2 (teamA) start: teamA's band is 4 vCPUs and teamB's top edge sits on it.
    int at10 = indexOf(teamA.getXData(), 10);
    assertThat(teamA.getYData()[at10]).isEqualTo(4);
    assertThat(teamB.getYData()[at10]).isEqualTo(4);
    // From 70 s job 3 (teamA) and job 4 (teamB) run: 2 vCPUs each, 4 in all.
    int at70 = indexOf(teamA.getXData(), 70);
    assertThat(teamA.getYData()[at70]).isEqualTo(2);
    assertThat(teamB.getYData()[at70]).isEqualTo(4);
    // The top band is drawn first, so the lower one stays visible over it.
    assertThat(chart.getSeriesMap().keySet()).containsExactly("share teamB", "share teamA");
  }

  @Test
  void aRunWithoutGroupsHasNoGroupChart() {
    assertThat(GroupChart.splitOf(new RunRecord("r", SyntheticRun.T0, null, "us-east-1", null, QUEUE, "d", null,
        "job", 1, false, Map.of(), null, List.<batchlab.run.SubmittedJob>of()))).isNull();
  }

  private static int indexOf(double[] xs, double x) {
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] == x) {
        return i;
      }
    }
    throw new AssertionError("no point at " + x + " s");
  }

}
