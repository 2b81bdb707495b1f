package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.RunSummary;
import batchlab.run.JobState;
import batchlab.run.RunJson;
import batchlab.run.RunStore;
import batchlab.submit.LocalBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit --watch} and {@code watch} end to end against the emulator, as a user runs them. */
class SubmitWatchCliTest {

  @TempDir Path runs;
  @TempDir Path harnessRuns;

  @Test
  void submitWithWatchPrintsThePredictionTheSummaryAndWritesTheRunFiles() throws Exception {
    try (LocalBatch local = LocalBatch.startRunningByItself(harnessRuns)) {
      Cli cli = Cli.run("submit", "--jobs", "10", "--name-prefix", "my-batch-job", "--watch", "--interval", "300ms",
          "--timeout", "2m", "--endpoint-url", local.endpoint(), "--region", "us-east-1", "--runs-dir", runs.toString());

      assertThat(cli.err()).isEmpty();
      assertThat(cli.exitCode()).isZero();
      String runId = new RunStore(runs).latest().orElseThrow();
      assertThat(cli.out()).contains("submitted 10 jobs in ", " as run " + runId,
          "prediction: 2 at once on 2 x m7i.large (maxvCpus 4), 5 waves, ideal makespan 300 s",
          "record: " + runs.resolve(runId).resolve("jobs.json"),
          "run " + runId + ": 10 jobs, COMPLETED", "jobs by status: SUCCEEDED 10", "verdict: ",
          "written: " + runs.resolve(runId).resolve("summary.json"));
      // Not a terminal: plain status lines, each with every state's count.
      assertThat(cli.out().lines().filter(l -> l.contains("RUNNABLE ") && l.contains("| instances"))).isNotEmpty();

      RunSummary summary = RunJson.mapper().readValue(runs.resolve(runId).resolve("summary.json").toFile(),
          RunSummary.class);
      assertThat(summary.count(JobState.SUCCEEDED)).isEqualTo(10);
      List<String> timeline = Files.readAllLines(runs.resolve(runId).resolve("timeline.csv"));
      assertThat(timeline).hasSize(11);
      assertThat(timeline.subList(1, 11)).allMatch(row -> row.startsWith("my-batch-job-") && row.contains(",SUCCEEDED,"));

      Cli again = Cli.run("watch", "--latest", "--interval", "100ms", "--runs-dir", runs.toString());
      assertThat(again.exitCode()).isZero();
      assertThat(again.out()).contains("run " + runId + ": 10 jobs, COMPLETED", "running at once");
    }
  }

  @Test
  void watchTimeoutWithCancelOnExitTerminatesTheUnfinishedJobs() {
    try (LocalBatch local = LocalBatch.start(harnessRuns)) { // the clock never moves: nothing finishes
      Cli cli = Cli.run("submit", "--jobs", "3", "--name-prefix", "stuck", "--watch", "--interval", "50ms",
          "--timeout", "300ms", "--cancel-on-exit", "--endpoint-url", local.endpoint(), "--region", "us-east-1",
          "--runs-dir", runs.toString());

      assertThat(cli.exitCode()).isEqualTo(1);
      assertThat(cli.out()).contains("terminated 3 unfinished jobs (--cancel-on-exit)", ": 3 jobs, TIMED_OUT",
          "verdict: incomplete (timed out): 0 of 3 jobs finished");
      local.emulator.advance(Duration.ofSeconds(10));
      List<String> ids = local.jobsByName("stuck-").values().stream().map(v -> v.get(0)).toList();
      assertThat(local.clients.batch().describeJobs(r -> r.jobs(ids)).jobs())
          .allSatisfy(job -> assertThat(job.statusAsString()).isEqualTo("FAILED"));
    }
  }

  @Test
  void watchWithoutAnyRunSaysHowToStartOne() {
    Cli cli = Cli.run("watch", "--runs-dir", runs.toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("batch-lab: no runs in " + runs + " to watch: submit one first with: "
        + "./batch-lab submit --runs-dir " + runs + "\n");
  }
}
