package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.analysis.Prediction;
import batchlab.analysis.RunSummary;
import batchlab.analysis.SummaryCalculator;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.plan.Prices;
import batchlab.report.ComparisonRow;
import batchlab.report.ReportContent;
import batchlab.report.ReportFiles;
import batchlab.report.ReportRun;
import batchlab.report.ReportWriter;
import batchlab.report.RunCost;
import batchlab.run.InstanceObservation;
import batchlab.run.JobAttempt;
import batchlab.run.JobShape;
import batchlab.run.JobState;
import batchlab.run.Observations;
import batchlab.run.Outcome;
import batchlab.run.RunRecord;
import batchlab.run.TaskObservation;
import batchlab.watch.WatchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost of a run from what its watch observed, by the one cost model, on a hand-built run: 4 x
 * m7i.2xlarge (0.4032 USD/h on-demand), each launched at 0 s, registered at 90 s, last listed at
 * 3600 s and gone by 3610 s (left at 3605 s), each running two jobs placed at 95 s and 1800 s for
 * 1700 s.
 */
class ObservedCostTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path tmp;

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  static WatchResult handBuiltRun() {
    List<JobAttempt> attempts = new ArrayList<>();
    List<TaskObservation> tasks = new ArrayList<>();
    List<InstanceObservation> instances = new ArrayList<>();
    int job = 0;
    for (int i = 1; i <= 4; i++) {
      String id = "i-" + i;
      instances.add(new InstanceObservation("arn:aws:ecs:us-east-1:000000000000:container-instance/c/" + i, id,
          "m7i.2xlarge", 8, T0, at(90), at(3600), at(3610)));
      for (double placed : new double[] {95, 1800}) {
        job++;
        String jobId = "job-" + job;
        attempts.add(new JobAttempt("max16-job-" + job, jobId, 1, JobState.SUCCEEDED, null, 0, T0, T0, at(placed + 5),
            at(placed + 1700), id, "m7i.2xlarge", null));
        tasks.add(new TaskObservation(jobId, 1, "arn:task/" + job, id, at(placed), null, null, at(placed + 5),
            at(placed + 1700)));
      }
    }
    Prediction prediction = Prediction.of(8, 4, 1024, 16, InstanceTypeCatalog.resolve(List.of("m7i.2xlarge")),
        Duration.ofSeconds(1695));
    RunSummary summary = SummaryCalculator.summarize("run-1", 8, attempts, List.of(), prediction, Outcome.COMPLETED);
    RunRecord record = new RunRecord("run-1", T0, null, "us-east-1", "BatchLab", "queue", "definition", null,
        "max16-job", 8, false, Map.of("seconds", "1695"), new JobShape(4, 1024, Duration.ofSeconds(1695)), List.of());
    return new WatchResult(record, attempts, List.of(), summary, new Observations(instances, tasks, List.of()));
  }

  @Test
  void aHandComputedOnDemandRunCostsToTheCentThroughTheReport() throws Exception {
    RunCost cost = ObservedCost.of(handBuiltRun(), false, Prices.listPrices()).orElseThrow();

    // 4 x 3605 s x 0.4032 / 3600 = 1.61504; boot 4 x 90 s = 0.04032; idle 4 x (3605 - 90 - 3400) s = 0.05152
    assertThat(cost.usd()).isCloseTo(1.61504, within(1e-9));
    assertThat(cost.bootUsd()).isCloseTo(0.04032, within(1e-9));
    assertThat(cost.idleUsd()).isCloseTo(0.05152, within(1e-9));
    assertThat(cost.usdPerJob()).isCloseTo(1.61504 / 8, within(1e-9));
    assertThat(cost.instanceSeconds()).isEqualTo(4 * 3605.0);
    assertThat(cost.spotPriceAssumed()).isFalse();

    ReportRun run = new ReportRun(1, 16, handBuiltRun()).withPlanAndCost(null, cost);
    ReportFiles files = ReportWriter.write(new ReportContent("local emulator (clock 60x)", Map.of(), T0,
        Duration.ofSeconds(1), null, List.of(run)), tmp);
    assertThat(Files.readString(files.markdown())).contains("| - | 1.6150 | 6% | 0.20188 | as predicted |");
    assertThat(Files.readString(files.summaryJson())).contains("\"costUsd\" : 1.61504");
    assertThat(ComparisonRow.of(run).bootAndIdleShare()).isCloseTo(0.09184 / 1.61504, within(1e-9));
  }

  @Test
  void spotWithoutGivenPricesIsTheAssumedShareAndSaysSo() {
    RunCost cost = ObservedCost.of(handBuiltRun(), true, Prices.listPrices()).orElseThrow();

    assertThat(cost.usd()).isCloseTo(1.61504 * Prices.ASSUMED_SPOT_SHARE, within(1e-9));
    assertThat(cost.spotPriceAssumed()).isTrue();
  }

  @Test
  void spotWithAGivenPriceUsesIt() {
    RunCost cost = ObservedCost.of(handBuiltRun(), true, Prices.withSpot(Map.of("m7i.2xlarge", 0.12), "test"))
        .orElseThrow();

    assertThat(cost.usd()).isCloseTo(4 * 3605 * 0.12 / 3600, within(1e-9));
    assertThat(cost.spotPriceAssumed()).isFalse();
  }

  @Test
  void aRunWhoseWatchSawNoInstanceHasNoCost() {
    WatchResult run = handBuiltRun();
    WatchResult none = new WatchResult(run.run(), run.attempts(), run.samples(), run.summary(), Observations.NONE);

    assertThat(ObservedCost.of(none, true, Prices.listPrices())).isEmpty();
  }
}
