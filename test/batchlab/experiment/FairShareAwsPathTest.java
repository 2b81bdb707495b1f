package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import batchlab.aws.AwsClients;
import batchlab.batch.LabContract;
import batchlab.local.BatchEmulator;
import batchlab.local.LabEmulators;
import batchlab.report.ReportRun;
import batchlab.run.JobAttempt;
import batchlab.run.RunJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.batch.model.FairsharePolicy;

/**
 * The fair-share scenario's two phases on the aws target, against the emulator with a stand-in CDK
 * CLI (as {@link AwsPathTest} does for the article): phase two is the same {@code cdk deploy} with
 * {@code -c computeReservation=50} added, checked by the shared stack-update check, then the shares
 * again and the late one, and the stack destroyed at the end.
 */
class FairShareAwsPathTest {

  /** The scenario's keys, sorted as CdkCommands passes them, with the default schedulingPriority. */
  static final List<String> CONTEXT = List.of("-c", "fairShare=true", "-c", "schedulingPriority=1",
      "-c", "shareDecaySeconds=0", "-c", "shares=teamA:1,teamB:0.5");
  static final List<String> DEPLOY = concat(List.of("npx", "cdk", "deploy", "-c", "maxVcpus=12"), CONTEXT,
      List.of("--require-approval", "never"));
  static final List<String> DEPLOY_RESERVED = concat(List.of("npx", "cdk", "deploy", "-c", "maxVcpus=12"), CONTEXT,
      List.of("-c", "computeReservation=50", "--require-approval", "never"));
  static final List<String> DESTROY = concat(List.of("npx", "cdk", "destroy", "--force"), CONTEXT, List.of());
  /** Four jobs per share still split the six slots 4:2 in the first round; a few seconds per test. */
  static final int JOBS = 4;

  @TempDir Path tmp;
  final List<String> log = new CopyOnWriteArrayList<>();
  BatchEmulator emulator;
  AwsClients clients;

  @AfterEach
  void stop() {
    emulator.close();
  }

  private ExperimentSettings settings() {
    return ExperimentSettings.builder().scenario(Scenario.FAIR_SHARE).target(Target.AWS).jobs(JOBS).destroy(true)
        .assumeYes(true).outDir(tmp.resolve("out")).build();
  }

  /** The emulator serving the stack as the first deploy leaves it, and a stand-in CLI made for it. */
  private RecordingRunner start(ExperimentSettings settings, Function<BatchEmulator, RecordingRunner> runner)
      throws InterruptedException {
    emulator = LabEmulators.synthesized(settings.contextFor(Scenario.FAIR_SHARE.maxVcpus()))
        .speed(ArticleExperimentTest.FAST).build().start();
    clients = AwsClients.forEndpoint(emulator.endpoint(), emulator.region());
    // As on AWS, the stack was created well before the first deploy: its creation events fall before the
    // window the aws target reads a deploy's events from (from the deploy's start less a clock skew).
    Instant created = emulator.now();
    while (!emulator.now().isAfter(created.plusSeconds(10))) {
      Thread.sleep(10);
    }
    return runner.apply(emulator);
  }

  private ExperimentResult run(ExperimentSettings settings, RecordingRunner runner) throws InterruptedException {
    AwsTarget target = AwsTarget.builder().settings(settings).clients(clients).runner(runner).log(log::add)
        .serverClock(emulator::now).pollInterval(Duration.ofMillis(10)).build();
    return new Experiment(settings, target, ExperimentListener.NONE).run();
  }

  @Test
  void phaseTwoDeploysTheSameStackWithComputeReservation50ThenTheLateShareStartsWithinTheBoundAndTheStackIsDestroyed()
      throws Exception {
    ExperimentSettings settings = settings();
    RecordingRunner runner = start(settings,
        e -> RecordingRunner.applyingTemplates(clients, e.stack().stackName(), command -> 0));

    ExperimentResult result = run(settings, runner);

    assertThat(runner.commands).containsExactly(DEPLOY, DEPLOY_RESERVED, DESTROY);
    assertThat(log).containsExactly("$ " + String.join(" ", DEPLOY), "$ " + String.join(" ", DEPLOY_RESERVED),
        "$ " + String.join(" ", DESTROY));
    assertThat(result.allSucceeded()).isTrue();
    List<ReportRun> runs = result.content().runs();
    assertThat(runs).extracting(ReportRun::number, ReportRun::maxVcpus, ReportRun::swapMethod)
        .containsExactly(tuple(1, 12, "npx cdk deploy"), tuple(2, 12, "npx cdk deploy"));
    // the first deploy found the stack as it is (cdk: no changes); the second updated the policy in place
    assertThat(runs.get(0).swapEvents()).isEmpty();
    // only the scheduling policy changed, in place: no queue or compute environment was touched
    assertThat(runs.get(1).swapEvents()).extracting(e -> e.replaceFirst("^\\+\\d+ s  ", "")).containsExactly(
        "BatchLab  UPDATE_IN_PROGRESS  User Initiated",
        "FairSharePolicyFDF90084  UPDATE_IN_PROGRESS",
        "FairSharePolicyFDF90084  UPDATE_COMPLETE",
        "BatchLab  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
        "BatchLab  UPDATE_COMPLETE");
    assertThat(reservationOfTheQueuesPolicy()).isEqualTo(50);

    assertThat(runs.get(0).summary().groups()).extracting(g -> g.name(), g -> g.jobs())
        .containsExactly(tuple("teamA", JOBS), tuple("teamB", JOBS));
    assertThat(runs.get(1).summary().groups()).extracting(g -> g.name(), g -> g.jobs())
        .containsExactly(tuple("teamA", JOBS), tuple("teamB", JOBS), tuple("teamC", Scenario.LATE_JOBS));
    ReportRun reserved = runs.get(1);
    List<JobAttempt> late = reserved.watch().attempts().stream()
        .filter(a -> "teamC".equals(reserved.watch().run().groupOf(a.jobName()).orElseThrow().share())).toList();
    Instant othersLast = reserved.watch().attempts().stream().filter(a -> !late.contains(a))
        .map(JobAttempt::createdAt).max(Comparator.naturalOrder()).orElseThrow();
    Instant lateFirst = late.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    Instant lateStart = late.stream().map(JobAttempt::startedAt).min(Comparator.naturalOrder()).orElseThrow();
    assertThat(Duration.between(othersLast, lateFirst)).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(Duration.between(lateFirst, lateStart)).isLessThanOrEqualTo(Duration.ofSeconds(155));

    ScenarioCheck.Verdict verdict = result.scenarioVerdict();
    assertThat(verdict.asPredicted()).as(verdict.line()).isTrue();
    // four teamB jobs against two of teamA's in the one round both shares have work
    assertThat(verdict.detail()).contains("teamB ran 240 job-seconds and teamA 120: teamB:teamA = 2.00; "
        + "then with computeReservation 50, teamC submitted at ").endsWith("(within 155 s)");
    JsonNode summary = RunJson.mapper().readTree(result.files().summaryJson().toFile());
    assertThat(summary.at("/settings/target").asText()).isEqualTo("aws");
    assertThat(summary.at("/settings/scenario verdict").asText()).isEqualTo(verdict.line());
    assertThat(summary.at("/settings/context/shares").asText()).isEqualTo("teamA:1,teamB:0.5");
    assertThat(summary.get("partial").asBoolean()).isFalse();
  }

  @Test
  void aDeployThatLeavesTheReservationUnsetFailsPhaseTwoBeforeItsJobsAndStillDestroys() throws Exception {
    ExperimentSettings settings = settings();
    // the old stand-in: every deploy only sets maxVcpus, so the policy keeps computeReservation 0
    RecordingRunner runner = start(settings, e -> new RecordingRunner(e, clients.batch(), command -> 0));

    assertThatThrownBy(() -> run(settings, runner))
        .isInstanceOf(ExperimentException.class)
        .hasMessageMatching("after the update of stack BatchLab job queue arn:aws:batch:.*:job-queue/\\S+ has "
            + "scheduling policy arn:aws:batch:.*:scheduling-policy/\\S+ with computeReservation 0, not 50");

    assertThat(runner.commands).containsExactly(DEPLOY, DEPLOY_RESERVED, DESTROY);
    JsonNode summary = RunJson.mapper().readTree(tmp.resolve("out").resolve("summary.json").toFile());
    assertThat(summary.get("partial").asBoolean()).isTrue();
    assertThat(summary.get("runs")).hasSize(1);
    assertThat(summary.at("/settings/scenario verdict").asText())
        .isEqualTo("not checked: the run did not complete");
  }

  /** Read with clients of its own: the experiment closed the target's. */
  private int reservationOfTheQueuesPolicy() {
    try (AwsClients own = AwsClients.forEndpoint(emulator.endpoint(), emulator.region())) {
      String queue = emulator.stack().output(LabContract.OUTPUT_JOB_QUEUE_ARN).orElseThrow();
      String policy = own.batch().describeJobQueues(r -> r.jobQueues(queue)).jobQueues().get(0)
          .schedulingPolicyArn();
      FairsharePolicy fairshare = own.batch().describeSchedulingPolicies(r -> r.arns(policy))
          .schedulingPolicies().get(0).fairsharePolicy();
      return fairshare.computeReservation();
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }
}
