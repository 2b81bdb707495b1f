package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.analysis.GroupFigures;
import batchlab.analysis.RunSummary;
import batchlab.infra.StackSettings;
import batchlab.local.BatchEmulator;
import batchlab.local.LabEmulators;
import batchlab.local.Speed;
import batchlab.run.JobState;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.run.SubmittedJob;
import batchlab.run.RunJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three parts of fair share together, as a user runs them: the stack synthesized with
 * {@code -c fairShare=true ...}, served by the in-process emulator (its clock jumping from event to event,
 * as the CLI cannot step one), and {@code submit --mix ... --watch} against it.
 */
class FairShareSubmitCliTest {

  @TempDir Path runs;

  @Test
  void fairShareAloneGivesTheJobDefinitionAPrioritySoAPlainMixedSubmitRuns() throws Exception {
    try (BatchEmulator emulator = start(Map.of("fairShare", "true"))) {
      Cli cli = submit(emulator, "teamA:2,teamB:2");

      assertThat(cli.err()).isEmpty();
      assertThat(cli.exitCode()).isZero();
      assertThat(cli.out()).contains("run ", ": 4 jobs, COMPLETED", "jobs by status: SUCCEEDED 4");
      try (var clients = new DiffTableTest.Clients(emulator.endpoint())) {
        String definition = emulator.stack().output("JobDefinitionArn").orElseThrow();
        assertThat(clients.batch.describeJobDefinitions(r -> r.jobDefinitions(definition)).jobDefinitions().get(0)
            .schedulingPriority()).isEqualTo(StackSettings.FAIR_SHARE_SCHEDULING_PRIORITY_DEFAULT);
      }
    }
  }

  /**
   * maxVcpus 12 holds six 2-vCPU jobs; with decay 0 the weighted usages 1 x teamA and 0.5 x teamB are equal
   * at teamA 4 vCPUs, teamB 8, so every round splits 2:1. Tolerance 1.8-2.2 on the busy vCPUs: the jobs come
   * in whole slots of 2 vCPUs and the window's edges (the last share's first job, the first share's last
   * job) fall between polls, which moves the means a little without changing the split.
   */
  @Test
  void aMixedRunOnTheFairShareStackRecordsEachJobsShareAndSplitsTheVcpusByWeight() throws Exception {
    try (BatchEmulator emulator = start(Map.of("fairShare", "true", "shares", "teamA:1,teamB:0.5",
        "shareDecaySeconds", "0", "maxVcpus", "12"))) {
      Cli cli = submit(emulator, "teamA:12,teamB:12");

      assertThat(cli.err()).isEmpty();
      assertThat(cli.exitCode()).isZero();
      String runId = new RunStore(runs).latest().orElseThrow();
      RunRecord record = new RunStore(runs).load(runId);
      assertThat(record.jobs()).extracting(SubmittedJob::share).containsOnly("teamA", "teamB");
      assertThat(record.jobs().stream().filter(j -> j.share().equals("teamB")).count()).isEqualTo(12);

      RunSummary summary = RunJson.mapper().readValue(runs.resolve(runId).resolve(RunStore.SUMMARY_FILE).toFile(),
          RunSummary.class);
      assertThat(summary.count(JobState.SUCCEEDED)).isEqualTo(24);
      Map<String, GroupFigures> shares = summary.groups().stream().filter(g -> g.by().equals(GroupFigures.BY_SHARE))
          .collect(Collectors.toMap(GroupFigures::name, Function.identity()));
      assertThat(shares).containsOnlyKeys("teamA", "teamB");
      double ratio = shares.get("teamB").meanRunningVcpusContended() / shares.get("teamA").meanRunningVcpusContended();
      assertThat(ratio).isCloseTo(2.0, within(0.2));
      assertThat(shares.get("teamB").peakRunningVcpus()).isEqualTo(8);
      assertThat(shares.get("teamA").peakRunningVcpus()).isGreaterThanOrEqualTo(4);
      assertThat(cli.out()).contains("by share", "teamA", "teamB", "shares.png");
      assertThat(Files.size(runs.resolve(runId).resolve("shares.png"))).isPositive();
    }
  }

  private BatchEmulator start(Map<String, String> context) {
    return LabEmulators.synthesized(context).speed(Speed.MAX).maxModeQuietPeriod(Duration.ofMillis(100)).seed(7)
        .build().start();
  }

  private Cli submit(BatchEmulator emulator, String mix) {
    return Cli.run("submit", "--mix", mix, "--watch", "--interval", "300ms", "--timeout", "3m", "--endpoint-url",
        emulator.endpoint().toString(), "--region", "us-east-1", "--runs-dir", runs.toString());
  }
}
