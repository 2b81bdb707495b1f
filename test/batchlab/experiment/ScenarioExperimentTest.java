package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.aws.AwsClients;
import batchlab.local.BatchEmulator;
import batchlab.local.LabEmulators;
import batchlab.report.ReportRun;
import batchlab.run.JobAttempt;
import batchlab.run.RunJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The priority and fair-share scenarios end to end on the local target (the synthesized template served
 * by the emulator, at {@link ArticleExperimentTest#FAST}), and the priority scenario on the aws path
 * with a recorded CDK CLI, as {@link AwsPathTest} does for the article.
 */
class ScenarioExperimentTest {

  @TempDir Path tmp;

  private ExperimentResult runLocal(Scenario scenario) throws Exception {
    ExperimentSettings settings = ExperimentSettings.builder().scenario(scenario).speed(ArticleExperimentTest.FAST)
        .outDir(tmp.resolve(scenario.cliName())).build();
    return new Experiment(settings, LocalTarget.start(settings), ExperimentListener.NONE).run();
  }

  private static List<JobAttempt> ofQueue(ReportRun run, String queue) {
    return run.watch().attempts().stream()
        .filter(a -> run.watch().run().groupOf(a.jobName()).orElseThrow().queue().equals(queue)).toList();
  }

  @Test
  void priorityScenarioStartsEveryHighPriorityJobBeforeAnyLowPriorityJobThatWasStillWaiting() throws Exception {
    ExperimentResult result = runLocal(Scenario.PRIORITY);

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.scenarioVerdict().asPredicted()).as(result.scenarioVerdict().line()).isTrue();
    ReportRun run = result.content().runs().get(0);
    assertThat(run.maxVcpus()).isEqualTo(4);
    List<JobAttempt> high = ofQueue(run, Scenario.HIGH_QUEUE);
    List<JobAttempt> low = ofQueue(run, "default");
    assertThat(high).hasSize(10);
    assertThat(low).hasSize(10);
    Instant lowSubmitted = low.stream().map(JobAttempt::createdAt).max(Comparator.naturalOrder()).orElseThrow();
    Instant highSubmitted = high.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    assertThat(Duration.between(lowSubmitted, highSubmitted)).isGreaterThanOrEqualTo(Scenario.HIGH_DELAY);
    // a low job that had not started when the high ones came starts only after the last high one started
    Instant lastHighStart = high.stream().map(JobAttempt::startedAt).max(Comparator.naturalOrder()).orElseThrow();
    assertThat(low).filteredOn(a -> a.startedAt().isAfter(highSubmitted))
        .isNotEmpty().allSatisfy(a -> assertThat(a.startedAt()).isAfterOrEqualTo(lastHighStart));
    assertThat(result.content().settings()).containsEntry("scenario", "priority")
        .containsEntry("scenario verdict", result.scenarioVerdict().line());
    // the report splits the run by queue, with its stacked chart
    assertThat(run.summary().groups()).extracting(g -> g.name()).containsExactly("default", "high");
    assertThat(result.files().charts()).extracting(p -> p.getFileName().toString()).contains("run1-max4-queues.png");
    assertThat(Files.readString(result.files().markdown())).contains("scenario verdict: as predicted: the 10 high jobs");
    // each queue's own wait causes: the low queue's jobs waited behind high, high's never behind a queue
    assertThat(run.summary().waitCausesByQueue()).extracting(w -> w.queue()).containsExactly("default", "high");
    String lowWaits = run.summary().waitCausesByQueue().get(0).line();
    String highWaits = run.summary().waitCausesByQueue().get(1).line();
    assertThat(lowWaits).matches("jobs of queue default waited \\d+ s on average: .*\\d+ s behind queue high \\(priority 10\\).*");
    assertThat(highWaits).startsWith("jobs of queue high waited ").doesNotContain("behind queue");
    assertThat(Files.readString(result.files().markdown())).contains("- " + lowWaits + "\n", "- " + highWaits + "\n");
    assertThat(Files.readString(result.files().html())).contains("<li>" + lowWaits + "</li>");
  }

  @Test
  void fairShareScenarioGivesTeamBTwiceTeamAsVcpusThenWithAReservationALateThirdShareStartsPromptly() throws Exception {
    ExperimentResult result = runLocal(Scenario.FAIR_SHARE);

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.scenarioVerdict().asPredicted()).as(result.scenarioVerdict().line()).isTrue();
    // six 2-vCPU slots split 4:2 in every round while both shares have work
    assertThat(result.scenarioVerdict().detail()).contains("teamB ran 1200 job-seconds and teamA 600",
        "teamB:teamA = 2.00");
    ReportRun run = result.content().runs().get(0);
    assertThat(run.maxVcpus()).isEqualTo(12);
    assertThat(run.summary().groups()).extracting(g -> g.name(), g -> g.jobs())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("teamA", 20), org.assertj.core.groups.Tuple.tuple("teamB", 20));
    JsonNode summary = RunJson.mapper().readTree(result.files().summaryJson().toFile());
    assertThat(summary.at("/settings/context/shares").asText()).isEqualTo("teamA:1,teamB:0.5");
    assertThat(summary.at("/settings/context/schedulingPriority").asText()).isEqualTo("1");

    // phase two: computeReservation 50, the two shares again, and teamC one job duration later
    assertThat(result.content().runs()).hasSize(2);
    ReportRun reserved = result.content().runs().get(1);
    // the reservation came with a stack update of the scheduling policy, in place
    assertThat(reserved.swapMethod()).isEqualTo("UpdateStack");
    assertThat(reserved.swapEvents()).anySatisfy(e -> assertThat(e).contains("FairSharePolicy", "UPDATE_COMPLETE"));
    assertThat(reserved.summary().groups()).extracting(g -> g.name(), g -> g.jobs()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("teamA", 20), org.assertj.core.groups.Tuple.tuple("teamB", 20),
        org.assertj.core.groups.Tuple.tuple("teamC", Scenario.LATE_JOBS));
    List<JobAttempt> late = reserved.watch().attempts().stream()
        .filter(a -> "teamC".equals(reserved.watch().run().groupOf(a.jobName()).orElseThrow().share())).toList();
    Instant others = reserved.watch().attempts().stream().filter(a -> !late.contains(a)).map(JobAttempt::createdAt)
        .max(Comparator.naturalOrder()).orElseThrow();
    Instant lateSubmitted = late.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    assertThat(Duration.between(others, lateSubmitted)).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(result.scenarioVerdict().asPredicted()).as(result.scenarioVerdict().line()).isTrue();
    assertThat(result.scenarioVerdict().detail()).contains("teamB:teamA = 2.00; then with computeReservation 50, "
        + "teamC submitted at ").contains("(within 155 s)");
  }

  @Test
  void priorityScenarioOnTheAwsPathDeploysTheStackWithTheExtraQueueAndChecksTheSameWay() throws Exception {
    ExperimentSettings settings = ExperimentSettings.builder().scenario(Scenario.PRIORITY).target(Target.AWS)
        .assumeYes(true).jobs(2).outDir(tmp.resolve("aws")).build();
    try (BatchEmulator emulator = LabEmulators.synthesized(settings.contextFor(4)).speed(ArticleExperimentTest.FAST)
        .build().start(); AwsClients clients = AwsClients.forEndpoint(emulator.endpoint(), emulator.region())) {
      RecordingRunner runner = new RecordingRunner(emulator, clients.batch(), command -> 0);
      AwsTarget target = AwsTarget.builder().settings(settings).clients(clients).runner(runner).log(line -> {})
          .serverClock(emulator::now).pollInterval(Duration.ofMillis(10)).build();

      ExperimentResult result = new Experiment(settings, target, ExperimentListener.NONE).run();

      assertThat(runner.commands).containsExactly(List.of("npx", "cdk", "deploy", "-c", "maxVcpus=4", "-c",
          "queues=high:10", "--require-approval", "never"));
      assertThat(result.scenarioVerdict().asPredicted()).as(result.scenarioVerdict().line()).isTrue();
      assertThat(result.content().runs().get(0).summary().groups()).extracting(g -> g.jobs()).containsExactly(2, 2);
    }
  }
}
