package batchlab.analysis;

import static batchlab.run.Attempts.at;
import static batchlab.run.Attempts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import batchlab.run.JobAttempt;
import batchlab.run.JobGroup;
import batchlab.run.JobShape;
import batchlab.run.JobState;
import batchlab.run.RunRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The split by queue and share, from run records and attempts alone (the emulator's fair-share dispatch aside). */
class GroupSplitTest {

  static final String LOW = "arn:aws:batch:us-east-1:000000000000:job-queue/low";
  static final String HIGH = "arn:aws:batch:us-east-1:000000000000:job-queue/high";

  static RunRecord run(List<JobGroup> groups) {
    int jobs = groups.stream().mapToInt(JobGroup::count).sum();
    return new RunRecord("r1", at(0), null, "us-east-1", "BatchLab", groups.get(0).jobQueue(), "def", null, "job", jobs,
        false, Map.of(), new JobShape(2, 1024, Duration.ofSeconds(60)), List.of(), groups);
  }

  /** Jobs {@code first..} of 60 s, one after another in {@code slots} parallel lanes from 0 s. */
  static List<JobAttempt> lanes(int first, int count, int slots) {
    List<JobAttempt> attempts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double start = (i / slots) * 60.0;
      attempts.add(succeeded(first + i, 0, start, start + 60, "i-1"));
    }
    return attempts;
  }

  @Test
  void theShareWithHalfTheWeightFactorHoldingTwiceTheVcpusShowsAsTwiceTheBusyVcpus() {
    // The fair-share example: teamA (weight 1) one 2-vCPU slot, teamB (weight 0.5) two, both busy 0-240 s.
    RunRecord run = run(List.of(new JobGroup(LOW, "default", "teamA", null, 4),
        new JobGroup(LOW, "default", "teamB", null, 8)));
    List<JobAttempt> attempts = new ArrayList<>(lanes(1, 4, 1));
    attempts.addAll(lanes(5, 8, 2));

    List<GroupFigures> split = GroupSplit.of(run, attempts);

    assertThat(split).extracting(GroupFigures::by, GroupFigures::name, GroupFigures::jobs,
            GroupFigures::peakRunningVcpus, GroupFigures::meanRunningVcpusContended)
        .containsExactly(tuple("share", "teamA", 4, 2, 2.0), tuple("share", "teamB", 8, 4, 4.0));
    assertThat(split.get(0).runnableWait().median()).isEqualTo(Duration.ofSeconds(90));
    assertThat(split.get(0).runnableWait().max()).isEqualTo(Duration.ofSeconds(180));
    assertThat(split.get(1).runnableWait().median()).isEqualTo(Duration.ofSeconds(90));
    assertThat(split).extracting(GroupFigures::makespan)
        .containsExactly(Duration.ofSeconds(240), Duration.ofSeconds(240));
  }

  @Test
  void busyVcpusCountOnlyWhileEveryShareStillHadWork() {
    // teamA's two jobs end at 60 s; from then on teamB has all four slots to itself.
    RunRecord run = run(List.of(new JobGroup(LOW, "default", "teamA", null, 2),
        new JobGroup(LOW, "default", "teamB", null, 6)));
    List<JobAttempt> attempts = new ArrayList<>(lanes(1, 2, 2));
    attempts.add(succeeded(3, 0, 0, 60, "i-2"));
    attempts.add(succeeded(4, 0, 0, 60, "i-2"));
    attempts.addAll(lanes(5, 4, 4).stream().map(a -> shift(a, 60)).toList());

    List<GroupFigures> split = GroupSplit.of(run, attempts);

    assertThat(split).extracting(GroupFigures::name, GroupFigures::peakRunningVcpus,
        GroupFigures::meanRunningVcpusContended, GroupFigures::makespan)
        .containsExactly(tuple("teamA", 4, 4.0, Duration.ofSeconds(60)),
            tuple("teamB", 8, 4.0, Duration.ofSeconds(120)));
  }

  @Test
  void severalQueuesAreSplitByQueueBeforeTheShares() {
    RunRecord run = run(List.of(new JobGroup(LOW, "low", "teamA", null, 2), new JobGroup(HIGH, "high", "teamA", null, 2)));
    List<JobAttempt> attempts = List.of(succeeded(3, 0, 0, 60, "i-1"), succeeded(4, 0, 0, 60, "i-2"),
        succeeded(1, 0, 60, 120, "i-1"), succeeded(2, 0, 60, 120, "i-2"));

    List<GroupFigures> split = GroupSplit.of(run, attempts);

    assertThat(split).extracting(GroupFigures::by, GroupFigures::name, GroupFigures::jobs, GroupFigures::makespan)
        .containsExactly(tuple("queue", "low", 2, Duration.ofSeconds(120)),
            tuple("queue", "high", 2, Duration.ofSeconds(60)),
            tuple("share", "teamA", 4, Duration.ofSeconds(120)));
    assertThat(split.get(0).runnableWait().median()).isEqualTo(Duration.ofSeconds(60));
    assertThat(split.get(1).runnableWait().median()).isEqualTo(Duration.ZERO);
  }

  @Test
  void aShareStillRunningHasNoMakespanAndTheBusySpanEndsAtTheLastEventSeen() {
    RunRecord run = run(List.of(new JobGroup(LOW, "default", "teamA", null, 1),
        new JobGroup(LOW, "default", "teamB", null, 1)));
    JobAttempt running = new JobAttempt("job-2", "id-2", 1, JobState.RUNNING, null, null, at(0), at(0), at(30), null,
        "i-1", "m7i.large", null);
    List<GroupFigures> split = GroupSplit.of(run, List.of(succeeded(1, 0, 0, 60, "i-1"), running));

    assertThat(split.get(1).makespan()).isNull();
    assertThat(split.get(1).lastStoppedAt()).isNull();
    // The window is 0-60 s (teamA's end): teamB ran 30 of those 60 s with 2 vCPUs.
    assertThat(split).extracting(GroupFigures::meanRunningVcpusContended).containsExactly(2.0, 1.0);
  }

  @Test
  void aRunWithoutGroupsHasNoSplit() {
    RunRecord plain = new RunRecord("r1", at(0), null, "us-east-1", "BatchLab", LOW, "def", null, "job", 2, false,
        Map.of(), null, List.of());
    assertThat(GroupSplit.of(plain, List.of(succeeded(1, 0, 0, 60, "i-1")))).isEmpty();
  }

  @Test
  void attemptsOfJobsThatAreNotTheRunsAreLeftOut() {
    RunRecord run = run(List.of(new JobGroup(LOW, "default", "teamA", null, 1)));
    JobAttempt stranger = new JobAttempt("other-1", "x", 1, JobState.SUCCEEDED, null, 0, at(0), at(0), at(0), at(9),
        null, null, null);
    assertThat(GroupSplit.of(run, List.of(succeeded(1, 0, 0, 60, "i-1"), stranger)))
        .extracting(GroupFigures::jobs).containsExactly(1);
  }

  private static JobAttempt shift(JobAttempt a, double seconds) {
    long ms = Math.round(seconds * 1000);
    return new JobAttempt(a.jobName(), a.jobId(), a.attempt(), a.status(), a.statusReason(), a.exitCode(),
        a.createdAt(), a.queuedAt(), a.startedAt().plusMillis(ms), a.stoppedAt().plusMillis(ms), a.instance(),
        a.instanceType(), a.logStream());
  }
}
