package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.run.JobAttempt;
import batchlab.run.JobGroup;
import batchlab.run.JobState;
import batchlab.run.RunRecord;
import batchlab.util.BadInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scenario verdicts from hand-made run records: what a scheduler that did something else gets. */
class ScenarioCheckTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** A run of {@code groups} named {@code j-1 ..}, groups taking the indexes in order. */
  static RunRecord run(JobGroup... groups) {
    int jobs = List.of(groups).stream().mapToInt(JobGroup::count).sum();
    return new RunRecord("r", T0, null, "us-east-1", "BatchLab", groups[0].jobQueue(), "def", null, "j", jobs, false,
        Map.of(), null, List.of(), List.of(groups));
  }

  /** Job j-{@code index}: created at {@code created} s, running from {@code start} s for 60 s. */
  static JobAttempt job(int index, int created, int start) {
    return new JobAttempt("j-" + index, "id" + index, 1, JobState.SUCCEEDED, null, 0, T0.plusSeconds(created),
        T0.plusSeconds(created), T0.plusSeconds(start), T0.plusSeconds(start + 60L), null, null, null);
  }

  static final JobGroup LOW = new JobGroup("arn:low", "default", null, null, 2);
  static final JobGroup HIGH = new JobGroup("arn:high", "high", null, null, 2);

  @Test
  void priorityIsAsPredictedWhenHighJobsTakeEveryFreeSlotAfterTheyArrive() {
    // one slot: low 1 runs 0-60, high arrives at 30 and takes the slots at 60 and 120, low 2 at 180
    var verdict = ScenarioCheck.priority(run(LOW, HIGH), List.of(job(1, 0, 0), job(2, 0, 180), job(3, 30, 60),
        job(4, 30, 120)));

    assertThat(verdict.asPredicted()).isTrue();
    assertThat(verdict.line()).isEqualTo("as predicted: the 2 high jobs arrived at 30 s and started from 60 s to "
        + "120 s, no low-priority job started in between (low-priority jobs started before they arrived: 1)");
  }

  @Test
  void priorityIsNotAsPredictedWhenALowPriorityJobStartsWhileHighJobsWait() {
    var verdict = ScenarioCheck.priority(run(LOW, HIGH), List.of(job(1, 0, 0), job(2, 0, 60), job(3, 30, 120),
        job(4, 30, 180)));

    assertThat(verdict.asPredicted()).isFalse();
    assertThat(verdict.line()).isEqualTo("not as predicted: 1 low-priority job(s) started while high jobs waited, "
        + "the first j-2 at 60 s with 2 high job(s) still waiting");
  }

  @Test
  void priorityIsNotAsPredictedWhenAHighJobNeverStarted() {
    JobAttempt never = new JobAttempt("j-4", "id4", 1, JobState.RUNNABLE, null, null, T0.plusSeconds(30),
        T0.plusSeconds(30), null, null, null, null, null);

    var verdict = ScenarioCheck.priority(run(LOW, HIGH), List.of(job(1, 0, 0), job(2, 0, 60), job(3, 30, 120), never));

    assertThat(verdict.line()).isEqualTo("not as predicted: not every high job started (1 of 2)");
  }

  static final JobGroup TEAM_A = new JobGroup("arn:q", "default", "teamA", null, 3);
  static final JobGroup TEAM_B = new JobGroup("arn:q", "default", "teamB", null, 4);

  /** Rounds of 60 s from 0 s: in each, {@code a} jobs of teamA and {@code b} of teamB. */
  static List<JobAttempt> rounds(int[][] rounds) {
    List<JobAttempt> attempts = new ArrayList<>();
    int nextA = 1;
    int nextB = 4;
    for (int r = 0; r < rounds.length; r++) {
      for (int i = 0; i < rounds[r][0]; i++) {
        attempts.add(job(nextA++, 0, 60 * r));
      }
      for (int i = 0; i < rounds[r][1]; i++) {
        attempts.add(job(nextB++, 0, 60 * r));
      }
    }
    return attempts;
  }

  @Test
  void fairShareIsAsPredictedWhenTeamBHoldsTwiceTeamAsVcpus() {
    // three slots: teamB 2, teamA 1 while both have work, then teamA alone
    var verdict = ScenarioCheck.fairShare(run(TEAM_A, TEAM_B), rounds(new int[][] {{1, 2}, {1, 2}, {1, 0}}));

    assertThat(verdict.asPredicted()).isTrue();
    assertThat(verdict.detail()).isEqualTo("while both had work (0 s to 120 s), teamB ran 240 job-seconds and "
        + "teamA 120: teamB:teamA = 2.00");
  }

  @Test
  void fairShareIsNotAsPredictedWhenTheSharesSplitEvenly() {
    // a FIFO-like even split: both shares one slot each in every round
    var verdict = ScenarioCheck.fairShare(run(TEAM_A, TEAM_B), rounds(new int[][] {{1, 1}, {1, 1}, {1, 1}}));

    assertThat(verdict.asPredicted()).isFalse();
    assertThat(verdict.line()).isEqualTo("not as predicted: while both had work (0 s to 180 s), teamB ran 180 "
        + "job-seconds and teamA 180: teamB:teamA = 1.00, outside 1.5 to 3.0");
  }

  static final JobGroup TEAM_C = new JobGroup("arn:q", "default", "teamC", null, 1);
  static final Duration BOUND = ScenarioCheck.lateShareBound(Duration.ofSeconds(90), Duration.ofSeconds(5), 60);

  @Test
  void theLateShareBoundIsOneBootOneContainerStartAndOneJob() {
    assertThat(BOUND).isEqualTo(Duration.ofSeconds(155));
  }

  @Test
  void lateShareIsAsPredictedWhenTeamCsFirstJobStartsWithinTheBound() {
    // teamA and teamB submitted at 0 s, teamC at 60 s and started at 150 s: 90 s later
    var verdict = ScenarioCheck.lateShare(run(TEAM_A, TEAM_B, TEAM_C), List.of(job(1, 0, 0), job(4, 0, 0),
        job(8, 60, 150)), BOUND);

    assertThat(verdict.asPredicted()).isTrue();
    assertThat(verdict.detail()).isEqualTo("with computeReservation 50, teamC submitted at 60 s and its first job "
        + "started 90 s later, at 150 s (within 155 s)");
  }

  @Test
  void lateShareIsNotAsPredictedWhenTeamCWaitsLongerThanTheBound() {
    // teamC waits for the other shares' work to drain: 240 s
    var verdict = ScenarioCheck.lateShare(run(TEAM_A, TEAM_B, TEAM_C), List.of(job(1, 0, 0), job(4, 0, 0),
        job(8, 60, 300)), BOUND);

    assertThat(verdict.asPredicted()).isFalse();
    assertThat(verdict.line()).isEqualTo("not as predicted: with computeReservation 50, teamC submitted at 60 s "
        + "and its first job started 240 s later, at 300 s (more than 155 s)");
  }

  @Test
  void lateShareIsNotAsPredictedWhenNoTeamCJobStarted() {
    JobAttempt never = new JobAttempt("j-8", "id8", 1, JobState.RUNNABLE, null, null, T0.plusSeconds(60),
        T0.plusSeconds(60), null, null, null, null, null);

    var verdict = ScenarioCheck.lateShare(run(TEAM_A, TEAM_B, TEAM_C), List.of(job(1, 0, 0), never), BOUND);

    assertThat(verdict.line()).isEqualTo("not as predicted: with computeReservation 50, no teamC job started");
  }

  @Test
  void bothPhasesMustBeAsPredictedForTheScenarioVerdict() {
    var good = new ScenarioCheck.Verdict(true, "one");
    var bad = new ScenarioCheck.Verdict(false, "two");

    assertThat(good.then(good).line()).isEqualTo("as predicted: one; then one");
    assertThat(good.then(bad).line()).isEqualTo("not as predicted: one; then two");
    assertThat(bad.then(good).asPredicted()).isFalse();
  }

  @Test
  void aScenarioSetsItsOwnContextKeysAndRefusesTheUsersValuesForThem() {
    assertThat(Scenario.FAIR_SHARE.contextWith(Map.of("jobVcpus", "2")))
        .containsEntry("fairShare", "true").containsEntry("shares", "teamA:1,teamB:0.5")
        .containsEntry("shareDecaySeconds", "0").containsEntry("schedulingPriority", "1")
        .containsEntry("jobVcpus", "2");
    assertThat(Scenario.FAIR_SHARE.contextWith(Map.of("schedulingPriority", "7")))
        .containsEntry("schedulingPriority", "7");
    assertThat(Scenario.FAIR_SHARE.contextWith(Map.of())).doesNotContainKey("computeReservation");
    assertThatThrownBy(() -> Scenario.FAIR_SHARE.contextWith(Map.of("computeReservation", "10")))
        .isInstanceOf(BadInputException.class).hasMessage("-c computeReservation=10 is set by --scenario "
            + "fair-share (computeReservation=50); leave it out or use --scenario article");
    assertThatThrownBy(() -> Scenario.PRIORITY.contextWith(Map.of("queues", "x:1")))
        .isInstanceOf(BadInputException.class)
        .hasMessage("-c queues=x:1 is set by --scenario priority (queues=high:10); leave it out or use --scenario article");
    assertThatThrownBy(() -> Scenario.parse("fairshare")).isInstanceOf(BadInputException.class)
        .hasMessage("--scenario fairshare is not known; use one of article, priority, fair-share");
  }
}
