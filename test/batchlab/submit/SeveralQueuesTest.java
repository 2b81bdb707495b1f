package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.analysis.GroupFigures;
import batchlab.analysis.RunSummary;
import batchlab.aws.SubmitException;
import batchlab.run.JobGroup;
import batchlab.run.RunRecord;
import batchlab.run.SubmittedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs over several queues and shares, through the real SDK against the in-process emulator on the
 * manual clock. The extra queues are created with CreateJobQueue on the stack's compute environment,
 * the way `-c queues` adds them to the stack.
 */
class SeveralQueuesTest {

  static final String POLICY = "arn:aws:batch:us-east-1:000000000000:scheduling-policy/teams";

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

  /** A fair-share policy named "teams" (the emulator checks that a queue's policy exists), so its ARN is POLICY. */
  private void createPolicy() {
    String arn = local.clients.batch().createSchedulingPolicy(r -> r.name("teams")
        .fairsharePolicy(f -> f.shareDistribution(d -> d.shareIdentifier("teamA").weightFactor(1f)))).arn();
    assertThat(arn).isEqualTo(POLICY);
  }

  private String createQueue(String name, int priority, String schedulingPolicyArn) {
    if (schedulingPolicyArn != null) {
      createPolicy();
    }
    return local.clients.batch().createJobQueue(r -> r.jobQueueName(name).priority(priority)
        .schedulingPolicyArn(schedulingPolicyArn)
        .computeEnvironmentOrder(o -> o.order(1).computeEnvironment(local.output("ComputeEnvironmentArn"))))
        .jobQueueArn();
  }

  @Test
  void aMixOverTwoQueuesRecordsEachJobsQueueAndTheHigherPriorityQueueFinishesFirst() {
    String high = createQueue("urgent", 100, null);
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().namePrefix("mix")
        .mix(JobMix.parse("default/:4,urgent/:4")).build(), SubmitListener.NONE);

    RunRecord run = submitted.run();
    assertThat(run.jobCount()).isEqualTo(8);
    assertThat(run.groups()).extracting(JobGroup::queue, JobGroup::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("default", 4), org.assertj.core.groups.Tuple.tuple("urgent", 4));
    assertThat(run.queues()).containsExactly(local.output("JobQueueArn"), high);
    assertThat(run.jobs()).extracting(SubmittedJob::queue)
        .containsExactly("default", "default", "default", "default", "urgent", "urgent", "urgent", "urgent");
    assertThat(run.jobs()).extracting(SubmittedJob::name).doesNotHaveDuplicates();
    assertThat(local.store.load(run.runId()).groups()).isEqualTo(run.groups());

    var watched = local.watch(run);
    RunSummary summary = watched.summary();
    GroupFigures urgent = figures(summary, "queue", "urgent");
    GroupFigures fallback = figures(summary, "queue", "default");
    assertThat(urgent.jobs()).isEqualTo(4);
    assertThat(fallback.jobs()).isEqualTo(4);
    // maxvCpus 4 holds two 2-vCPU jobs: the urgent queue's four run in the first two waves.
    assertThat(urgent.peakRunningVcpus()).isEqualTo(4);
    assertThat(urgent.lastStoppedAt()).isBeforeOrEqualTo(
        watched.attempts().stream().filter(a -> a.jobName().equals("mix-1")).findFirst().orElseThrow()
            .startedAt());
    assertThat(urgent.makespan()).isLessThan(fallback.makespan());
    assertThat(urgent.runnableWait().median()).isLessThan(fallback.runnableWait().median());
  }

  @Test
  void aResumedMixKeepsItsGroupsAndFindsJobsTheRecordMissedOnEveryQueue() {
    createQueue("urgent", 100, null);
    SubmitResult complete = local.submitter().submit(SubmitRequest.builder().namePrefix("crashed")
        .mix(JobMix.parse("default/:2,urgent/:2")).build(), SubmitListener.NONE);
    // As if the process died after SubmitJob returned for jobs 2-4 (two of them on urgent) before jobs.json was written.
    local.store.save(complete.run().withJobs(complete.run().jobs().subList(0, 1)));

    SubmitResult resumed = local.submitter().resume(local.store.load(complete.run().runId()), SubmitListener.NONE);

    assertThat(resumed.stats().adopted()).isEqualTo(3);
    assertThat(resumed.stats().submitted()).isZero();
    RunRecord run = local.store.load(complete.run().runId());
    assertThat(run.groups()).isEqualTo(complete.run().groups());
    assertThat(run.jobs()).isEqualTo(complete.run().jobs());
  }

  @Test
  void aShareIdentifierOnAFifoQueueIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> local.submitter().submit(SubmitRequest.builder().jobs(2).share("teamA").build(),
        SubmitListener.NONE))
        .isInstanceOf(SubmitException.class)
        .hasMessageStartingWith("job queue default (")
        .hasMessageContaining("is FIFO (no scheduling policy) and refuses share identifier teamA");
    assertNothingSubmitted();
  }

  @Test
  void aFairShareQueueWithoutAShareIsRefusedBeforeAnythingIsSentEvenWhenOtherEntriesAreFine() {
    createQueue("teams", 10, POLICY);
    assertThatThrownBy(() -> local.submitter().submit(SubmitRequest.builder()
        .mix(JobMix.parse("default/:2,teams/:2")).build(), SubmitListener.NONE))
        .isInstanceOf(SubmitException.class)
        .hasMessage("job queue teams has the fair-share policy " + POLICY + ": every job needs a share identifier; "
            + "pass --share-identifier ID or name the shares in --mix");
    assertNothingSubmitted();
  }

  @Test
  void sharesOnAFairShareQueueAreSentAndRecordedPerJobWithThePriority() {
    createQueue("teams", 10, POLICY);
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobQueue("teams").priority(7)
        .namePrefix("fs").mix(JobMix.parse("teamA:2,teamB:1")).build(), SubmitListener.NONE);

    assertThat(submitted.run().jobs()).extracting(SubmittedJob::name, SubmittedJob::queue, SubmittedJob::share,
        SubmittedJob::priority).containsExactly(
            org.assertj.core.groups.Tuple.tuple("fs-1", "teams", "teamA", 7),
            org.assertj.core.groups.Tuple.tuple("fs-2", "teams", "teamA", 7),
            org.assertj.core.groups.Tuple.tuple("fs-3", "teams", "teamB", 7));
    RunSummary summary = local.watch(submitted.run()).summary();
    assertThat(summary.groups()).extracting(GroupFigures::by, GroupFigures::name, GroupFigures::jobs)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("share", "teamA", 2),
            org.assertj.core.groups.Tuple.tuple("share", "teamB", 1));
  }

  @Test
  void anUnknownQueueNameFailsListingTheStacksQueues() {
    assertThatThrownBy(() -> local.submitter().submit(SubmitRequest.builder().jobQueue("nope").build(),
        SubmitListener.NONE))
        .isInstanceOf(SubmitException.class)
        .hasMessageEndingWith(": stack BatchLab has the queues default (no other); or give a queue name or ARN");
    assertNothingSubmitted();
  }

  @Test
  void aRunToOneQueueWithoutSharesRecordsNoGroupsAndNoSplit() throws Exception {
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(2).build(), SubmitListener.NONE);
    assertThat(submitted.run().groups()).isEmpty();
    assertThat(local.watch(submitted.run()).summary().groups()).isEmpty();
    String json = Files.readString(local.store.dir(submitted.run().runId()).resolve("jobs.json"));
    assertThat(json).doesNotContain("groups").doesNotContain("\"share\"").doesNotContain("\"queue\"");
  }

  private void assertNothingSubmitted() {
    assertThat(local.jobsByName("")).isEmpty();
    assertThat(runs.toFile().list()).isNullOrEmpty();
  }

  private static GroupFigures figures(RunSummary summary, String by, String name) {
    List<GroupFigures> found = summary.groups().stream().filter(g -> g.by().equals(by) && g.name().equals(name))
        .toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
