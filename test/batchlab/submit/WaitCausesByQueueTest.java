package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.RunSummary;
import batchlab.analysis.SummaryText;
import batchlab.analysis.WaitBreakdown;
import batchlab.run.JobAttempt;
import batchlab.run.RunStore;
import batchlab.run.WaitCause;
import batchlab.watch.RunResults;
import batchlab.watch.WatchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why each queue's jobs waited, on a run over two FIFO queues of the article's compute environment
 * (maxvCpus 4: two 2-vCPU slots, 60 s jobs, instances ready 97 s after the first submit), through the
 * real SDK on the manual clock (a poll every 5 s). The queue urgent (priority 10) is served before the
 * stack's queue (priority 1): urgent's six jobs take the two slots in three rounds, then default's six.
 */
class WaitCausesByQueueTest {

  static final String BEHIND_URGENT = "behind queue urgent (priority 10)";

  @TempDir Path runs;
  LocalBatch local;

  @BeforeEach
  void start() {
    local = LocalBatch.start(runs);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  private WatchResult mixedRun() {
    local.clients.batch().createJobQueue(r -> r.jobQueueName("urgent").priority(10)
        .computeEnvironmentOrder(o -> o.order(1).computeEnvironment(local.output("ComputeEnvironmentArn"))));
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().namePrefix("mix")
        .mix(JobMix.parse("default/:6,urgent/:6")).build(), SubmitListener.NONE);
    return local.watch(submitted.run());
  }

  @Test
  void theLowQueueWaitsBehindUrgentWhileUrgentHoldsTheSlotsAndForBootAndMaxVcpusOtherwise() {
    WatchResult watched = mixedRun();
    Map<String, WaitBreakdown> byQueue = watched.summary().waitCausesByQueue().stream()
        .collect(Collectors.toMap(WaitBreakdown::queue, w -> w));
    assertThat(watched.summary().waitCausesByQueue()).extracting(WaitBreakdown::queue)
        .containsExactly("default", "urgent");

    WaitBreakdown low = byQueue.get("default");
    assertThat(low.causes()).extracting(WaitBreakdown.Span::kind).containsExactly(
        WaitCause.Kind.INSTANCES_BOOTING, WaitCause.Kind.BEHIND_QUEUE, WaitCause.Kind.AT_MAX_VCPUS);
    WaitBreakdown.Span behind = low.causes().get(1);
    // From the end of the boot until the first poll after urgent's last job stopped: urgent held the slots.
    assertThat(behind.from()).isEqualTo(byQueue.get("urgent").causes().get(0).to());
    Instant urgentDone = lastStopped(watched, "urgent");
    assertThat(behind.to()).isAfterOrEqualTo(urgentDone).isBefore(urgentDone.plus(LocalBatch.POLL_STEP));
    assertThat(behind.cause()).isEqualTo(BEHIND_URGENT);
    // Every default job waited through all 195 s of it; then its own earlier jobs held the slots.
    assertThat(seconds(low)).containsExactly(
        Map.entry("for instances to boot", 90.0), Map.entry(BEHIND_URGENT, 195.0),
        Map.entry("at maxvCpus 4", 66.3), Map.entry(WaitBreakdown.UNATTRIBUTED, 5.7));
    assertThat(low.meanWait()).isEqualTo(Duration.ofSeconds(357));

    // urgent waits for the boot, then at maxvCpus behind its own jobs: never behind a queue.
    WaitBreakdown high = byQueue.get("urgent");
    assertThat(seconds(high)).containsExactly(
        Map.entry("for instances to boot", 90.0), Map.entry("at maxvCpus 4", 66.3),
        Map.entry(WaitBreakdown.UNATTRIBUTED, 5.7));
    assertThat(high.meanWait()).isEqualTo(Duration.ofSeconds(162));
  }

  @Test
  void theWholeRunsWaitIsEachJobSplitByItsOwnQueuesCauses() {
    RunSummary summary = mixedRun().summary();
    // The mean of the two queues' splits (six jobs each): 195 s behind urgent for half the jobs is 97.5 s.
    assertThat(seconds(summary.waitCauses())).containsExactly(
        Map.entry("for instances to boot", 90.0), Map.entry(BEHIND_URGENT, 97.5),
        Map.entry("at maxvCpus 4", 66.3), Map.entry(WaitBreakdown.UNATTRIBUTED, 5.7));
    assertThat(summary.waitCauses().queue()).isNull();
    assertThat(summary.waitCauses().causes()).as("the spans are each queue's own").isEmpty();
  }

  @Test
  void theTextSummaryPrintsOneWaitLinePerQueue() {
    WatchResult watched = mixedRun();
    String text = SummaryText.render(watched.summary(), watched.run());
    assertThat(text.lines().filter(l -> l.contains("waited")).toList()).containsExactly(
        "jobs of queue default waited 357 s on average: 90 s for instances to boot, 195 s " + BEHIND_URGENT
            + ", 66 s at maxvCpus 4, 6 s for dispatch and container start",
        "jobs of queue urgent waited 162 s on average: 90 s for instances to boot, 66 s at maxvCpus 4, "
            + "6 s for dispatch and container start");
  }

  @Test
  void summaryJsonHoldsTheSplitAndAWatchOfTheFinishedRunKeepsIt() throws Exception {
    WatchResult first = mixedRun();
    RunResults.save(local.store, first);
    String json = Files.readString(local.store.dir(first.run().runId()).resolve(RunStore.SUMMARY_FILE));
    assertThat(json).contains("\"waitCausesByQueue\"").contains("\"queue\" : \"default\"")
        .contains("\"kind\" : \"BEHIND_QUEUE\"").contains("\"cause\" : \"" + BEHIND_URGENT + "\"");

    // A second watch sees the jobs finished and no waiting: what the first one saw stays.
    WatchResult again = local.watch(first.run());
    assertThat(again.summary().waitCausesByQueue()).allSatisfy(w -> assertThat(w.causes()).isEmpty());
    RunSummary kept = RunResults.save(local.store, again).orElseThrow().summary();
    assertSameWaits(kept, first.summary());
    // summary.json keeps milliseconds, so the reread means are compared as the lines show them
    assertSameWaits(local.store.loadSummary(first.run().runId(), RunSummary.class).orElseThrow(), first.summary());
  }

  private static void assertSameWaits(RunSummary actual, RunSummary expected) {
    assertThat(actual.waitCausesByQueue()).extracting(WaitBreakdown::line, WaitBreakdown::causes)
        .containsExactlyElementsOf(expected.waitCausesByQueue().stream()
            .map(w -> org.assertj.core.groups.Tuple.tuple(w.line(), w.causes())).toList());
    assertThat(actual.waitCauses().line()).isEqualTo(expected.waitCauses().line());
  }

  @Test
  void aRunToOneQueueHasNoSplitByQueueAndItsSummaryReadsAsBefore() throws Exception {
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(4).build(), SubmitListener.NONE);
    WatchResult watched = local.watch(submitted.run());
    assertThat(watched.summary().waitCausesByQueue()).isEmpty();
    assertThat(watched.summary().waitCauses().queue()).isNull();
    assertThat(watched.summary().waitCauses().causes()).isNotEmpty();
    assertThat(SummaryText.render(watched.summary(), watched.run())).doesNotContain("waited");
    RunResults.save(local.store, watched);
    String json = Files.readString(local.store.dir(submitted.run().runId()).resolve(RunStore.SUMMARY_FILE));
    assertThat(json).doesNotContain("waitCausesByQueue").doesNotContain("\"queue\"").doesNotContain("BEHIND");
  }

  @Test
  void queuesOnDifferentComputeEnvironmentsNeverWaitBehindEachOther() {
    local.clients.batch().createComputeEnvironment(r -> r.computeEnvironmentName("apart").type("MANAGED")
        .computeResources(c -> c.type("EC2").allocationStrategy("BEST_FIT_PROGRESSIVE").minvCpus(0).maxvCpus(4)
            .instanceTypes("m7i.large").subnets("subnet-1").instanceRole("ecsInstanceRole")));
    local.clients.batch().createJobQueue(r -> r.jobQueueName("apart").priority(10)
        .computeEnvironmentOrder(o -> o.order(1).computeEnvironment("apart")));
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().namePrefix("mix")
        .mix(JobMix.parse("default/:6,apart/:6")).build(), SubmitListener.NONE);
    WatchResult watched = local.watch(submitted.run());

    assertThat(watched.summary().waitCausesByQueue()).extracting(WaitBreakdown::queue)
        .containsExactly("default", "apart");
    assertThat(watched.summary().waitCausesByQueue()).allSatisfy(w -> assertThat(w.causes())
        .extracting(WaitBreakdown.Span::kind).isNotEmpty().doesNotContain(WaitCause.Kind.BEHIND_QUEUE));
    // each queue has its own two slots: the same rounds side by side
    assertThat(watched.summary().waitCausesByQueue().get(0).meanWait())
        .isEqualTo(watched.summary().waitCausesByQueue().get(1).meanWait());
  }

  @Test
  void sharesOfOneFairShareQueueAreNotSplitByQueueAndWaitAsBefore() {
    local.clients.batch().createSchedulingPolicy(r -> r.name("teams")
        .fairsharePolicy(f -> f.shareDistribution(d -> d.shareIdentifier("teamA").weightFactor(1f))));
    local.clients.batch().createJobQueue(r -> r.jobQueueName("teams").priority(10)
        .schedulingPolicyArn("arn:aws:batch:us-east-1:000000000000:scheduling-policy/teams")
        .computeEnvironmentOrder(o -> o.order(1).computeEnvironment(local.output("ComputeEnvironmentArn"))));
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobQueue("teams").priority(0)
        .namePrefix("fs").mix(JobMix.parse("teamA:5,teamB:5")).build(), SubmitListener.NONE);
    WatchResult watched = local.watch(submitted.run());

    assertThat(watched.summary().waitCausesByQueue()).isEmpty();
    assertThat(watched.samples()).allSatisfy(sample -> assertThat(sample.queueWaitCauses()).isEmpty());
    // one queue's causes over time, as for any run to one queue: boot, then two at a time at maxvCpus 4
    assertThat(watched.summary().waitCauses().causes()).extracting(WaitBreakdown.Span::kind)
        .containsExactly(WaitCause.Kind.INSTANCES_BOOTING, WaitCause.Kind.AT_MAX_VCPUS);
    assertThat(SummaryText.render(watched.summary(), watched.run())).doesNotContain("waited");
  }

  /** Each part's mean in seconds, to a tenth. */
  private static List<Map.Entry<String, Double>> seconds(WaitBreakdown waits) {
    return waits.parts().stream()
        .map(p -> Map.entry(p.cause(), Math.round(p.mean().toMillis() / 100.0) / 10.0)).toList();
  }

  private static Instant lastStopped(WatchResult watched, String queue) {
    return watched.attempts().stream()
        .filter(a -> watched.run().groupOf(a.jobName()).orElseThrow().queue().equals(queue))
        .map(JobAttempt::stoppedAt).max(Comparator.naturalOrder()).orElseThrow();
  }
}
