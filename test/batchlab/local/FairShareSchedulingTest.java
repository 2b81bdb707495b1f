package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.FairshareCapacityUtilization;
import software.amazon.awssdk.services.batch.model.FrontOfQueueJobSummary;
import software.amazon.awssdk.services.batch.model.GetJobQueueSnapshotResponse;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.ShareAttributes;

/**
 * Fair-share scheduling on the MANUAL clock through the SDK, against the documented examples (API
 * Reference, FairsharePolicy / ShareAttributes; User Guide, "Fair-share scheduling"). Jobs are the
 * article's (2 vCPUs, 60 s, one per m7i.large); each test gives the compute environment the maxvCpus
 * it needs and a fair-share queue of its own on it.
 */
class FairShareSchedulingTest {

  static final Duration BOOT = Duration.ofSeconds(100); // dispatch 2 s + boot 90 s + start 5 s, and a margin

  EmulatorHarness harness;
  String queue;

  @AfterEach
  void stop() {
    harness.close();
  }

  private void start(int maxvCpus, int decaySeconds, int reservation, List<ShareAttributes> shares) {
    start(b -> { }, maxvCpus, decaySeconds, reservation, shares);
  }

  private void start(Consumer<BatchEmulator.Builder> options, int maxvCpus, int decaySeconds, int reservation,
      List<ShareAttributes> shares) {
    harness = new EmulatorHarness(options);
    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment(harness.computeEnvironment)
        .computeResources(c -> c.maxvCpus(maxvCpus)));
    String policy = harness.batch.createSchedulingPolicy(r -> r.name("teams").fairsharePolicy(f -> f
        .shareDecaySeconds(decaySeconds).computeReservation(reservation).shareDistribution(shares))).arn();
    queue = harness.batch.createJobQueue(r -> r.jobQueueName("fair").priority(1).schedulingPolicyArn(policy)
        .computeEnvironmentOrder(Fixtures.first(harness.computeEnvironment))).jobQueueName();
  }

  private static ShareAttributes share(String id, double weight) {
    return ShareAttributes.builder().shareIdentifier(id).weightFactor((float) weight).build();
  }

  private String submit(String share, int priority) {
    return harness.batch.submitJob(r -> r.jobName(share + "-job").jobQueue(queue).jobDefinition(harness.definition)
        .shareIdentifier(share).schedulingPriorityOverride(priority)).jobId();
  }

  private List<String> submitEach(int count, String... shares) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (String share : shares) {
        ids.add(submit(share, 0));
      }
    }
    return ids;
  }

  private GetJobQueueSnapshotResponse snapshot() {
    return harness.batch.getJobQueueSnapshot(r -> r.jobQueue(queue));
  }

  /** The vCPUs each share's jobs hold now, as GetJobQueueSnapshot's fairshareUtilization reports them. */
  private Map<String, Double> vcpusByShare() {
    Map<String, Double> vcpus = new HashMap<>();
    for (FairshareCapacityUtilization share : snapshot().queueUtilization().fairshareUtilization()
        .topCapacityUtilization()) {
      vcpus.put(share.shareIdentifier(), share.capacityUsage().get(0).quantity());
    }
    return vcpus;
  }

  @Test
  void aShareWithWeightAnEighthGetsEightTimesTheVcpusOfAShareWithWeightOne() {
    start(18, 0, 0, List.of(share("teamA", 0.125), share("teamB", 1)));
    submitEach(20, "teamA", "teamB");
    harness.emulator.advance(BOOT);
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 16.0, "teamB", 2.0));
    harness.emulator.advance(Duration.ofSeconds(65)); // the next round of jobs, same split
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 16.0, "teamB", 2.0));
    assertThat(snapshot().queueUtilization().fairshareUtilization().activeShareCount()).isEqualTo(2);
  }

  @Test
  void aPrefixEntryGivesItsWeightToEveryMatchingShareAndUnlistedSharesWeighOne() {
    start(18, 0, 0, List.of(share("team*", 0.125)));
    submitEach(20, "teamA", "ops");
    harness.emulator.advance(BOOT);
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 16.0, "ops", 2.0));
  }

  @Test
  void aComputeReservionOfFiftyHoldsBackHalfAQuarterAndAnEighthForOneTwoAndThreeActiveShares() {
    start(b -> b.workload(WorkloadModel.fixed(Duration.ofMinutes(30))), 16, 0, 50, List.of());
    submitEach(20, "teamA");
    harness.emulator.advance(BOOT);
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 8.0)); // 50 % held back

    submitEach(20, "teamB");
    harness.emulator.advance(BOOT);
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 8.0, "teamB", 4.0)); // 25 %

    submitEach(20, "teamC");
    harness.emulator.advance(BOOT);
    // 12.5 % of 16 = 2 vCPUs held back: the late share got its job running within one instance boot.
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 8.0, "teamB", 4.0, "teamC", 2.0));
  }

  @Test
  void withoutAReservationALateShareWaitsForTheRunningJobsToEnd() {
    start(b -> b.workload(WorkloadModel.fixed(Duration.ofMinutes(30))), 16, 0, 0, List.of());
    submitEach(20, "teamA");
    harness.emulator.advance(BOOT);
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 16.0));
    submitEach(5, "teamC");
    harness.emulator.advance(BOOT);
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 16.0));
    harness.emulator.advance(Duration.ofMinutes(30)); // the first jobs end: now the late share goes first
    assertThat(vcpusByShare()).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 8.0, "teamC", 8.0));
  }

  /** A share runs alone, then both shares submit at once (teamA first, so it would win a tie). */
  private Map<String, Double> splitAfterTeamAWorkedAlone(int decaySeconds) {
    start(4, decaySeconds, 0, List.of());
    submitEach(6, "teamA");
    harness.emulator.advance(Duration.ofMinutes(5)); // three rounds of two jobs: all done
    assertThat(snapshot().queueUtilization().fairshareUtilization().activeShareCount()).isZero();
    submitEach(4, "teamA", "teamB");
    harness.emulator.advance(Duration.ofSeconds(10)); // the idle instances are still there
    return vcpusByShare();
  }

  @Test
  void withShareDecayZeroOnlyCurrentUsageCountsSoRecentWorkIsNotPenalised() {
    assertThat(splitAfterTeamAWorkedAlone(0)).containsExactlyInAnyOrderEntriesOf(Map.of("teamA", 2.0, "teamB", 2.0));
  }

  @Test
  void withAShareDecayWindowRecentWorkCountsAgainstTheShare() {
    assertThat(splitAfterTeamAWorkedAlone(3600)).containsExactlyInAnyOrderEntriesOf(Map.of("teamB", 4.0));
  }

  @Test
  void withinAShareHigherSchedulingPriorityGoesFirstThenSubmissionOrder() {
    start(2, 0, 0, List.of());
    String low = submit("teamA", 1);
    String high = submit("teamA", 9);
    String lowToo = submit("teamA", 1);
    String middle = submit("teamA", 5);
    harness.emulator.advance(Duration.ofSeconds(3));
    assertThat(snapshot().frontOfQueue().jobs()).extracting(FrontOfQueueJobSummary::jobArn)
        .containsExactly(arn(high), arn(middle), arn(low), arn(lowToo));
    harness.emulator.advance(BOOT);
    assertThat(harness.job(high).status().toString()).isEqualTo("RUNNING");
    assertThat(harness.job(low).status().toString()).isEqualTo("RUNNABLE");
  }

  @Test
  void theSnapshotListsTheFrontOfAFairShareQueueInTheOrderTheSchedulerDispatches() {
    start(b -> b.workload(WorkloadModel.fixed(Duration.ofMinutes(30))), 4, 0, 0,
        List.of(share("teamA", 1), share("teamB", 0.5)));
    List<String> a = submitEach(3, "teamA");
    List<String> b = submitEach(3, "teamB");
    harness.emulator.advance(Duration.ofSeconds(3));
    List<String> predicted = snapshot().frontOfQueue().jobs().stream().map(FrontOfQueueJobSummary::jobArn).toList();
    // Weighted usage 0 each: teamA's older job first; then teamB (0 < 2 x 1); then teamB (2 x 0.5 < 2) ...
    assertThat(predicted).startsWith(arn(a.get(0)), arn(b.get(0)), arn(b.get(1)));
    harness.emulator.advance(BOOT);
    List<String> running = new ArrayList<>();
    for (JobDetail job : harness.jobs(concat(a, b))) {
      if (job.statusAsString().equals("RUNNING")) {
        running.add(job.jobArn());
      }
    }
    assertThat(running).containsExactlyInAnyOrderElementsOf(predicted.subList(0, 2));
  }

  @Test
  void theIssuesScenarioInMiniatureTeamBWithHalfTheWeightHoldsAboutTwiceTeamAsVcpus() {
    start(4, 3600, 0, List.of(share("teamA", 1), share("teamB", 0.5)));
    List<String> ids = submitEach(20, "teamA", "teamB");
    harness.runToCompletion();
    List<JobDetail> jobs = harness.jobs(ids.subList(0, 40));
    long bothBusyUntil = Long.MAX_VALUE; // the first share to finish its last job ends the "both have work" part
    Map<String, Long> lastEnd = new HashMap<>();
    for (JobDetail job : jobs) {
      lastEnd.merge(job.shareIdentifier(), job.stoppedAt(), Math::max);
    }
    bothBusyUntil = lastEnd.values().stream().min(Long::compare).orElseThrow();
    Map<String, Double> vcpuSeconds = new HashMap<>();
    for (JobDetail job : jobs) {
      long end = Math.min(job.stoppedAt(), bothBusyUntil);
      if (end > job.startedAt()) {
        vcpuSeconds.merge(job.shareIdentifier(), 2 * (end - job.startedAt()) / 1000.0, Double::sum);
      }
    }
    assertThat(vcpuSeconds.get("teamB") / vcpuSeconds.get("teamA")).isBetween(1.6, 2.4);
  }

  private String arn(String id) {
    return harness.job(id).jobArn();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
