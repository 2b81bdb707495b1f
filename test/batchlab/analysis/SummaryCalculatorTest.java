package batchlab.analysis;

import static batchlab.run.Attempts.at;
import static batchlab.run.Attempts.slotted;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.InstanceTypeCatalog;
import batchlab.run.Attempts;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.Outcome;
import batchlab.run.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryCalculatorTest {

  private static final Prediction MAX_4 =
      Prediction.of(10, 2, 1024, 4, InstanceTypeCatalog.resolve(List.of("m7i.large")), Duration.ofSeconds(60));

  private static List<Sample> samples(int... instances) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < instances.length; i++) {
      samples.add(new Sample(at(i * 10), Map.of(JobState.RUNNING, instances[i]), instances[i], instances[i] * 2));
    }
    return samples;
  }

  @Test
  void articleRunOnMaxFourSummarisesAsPredicted() {
    List<JobAttempt> attempts = slotted(10, 2, 30, 60, 0);
    RunSummary s = SummaryCalculator.summarize("r1", 10, attempts, samples(0, 1, 2, 2, 0), MAX_4, Outcome.COMPLETED);
    assertThat(s.count(JobState.SUCCEEDED)).isEqualTo(10);
    assertThat(s.maxRunning()).isEqualTo(2);
    assertThat(s.waves()).isEqualTo(5);
    assertThat(s.makespan()).isEqualTo(Duration.ofSeconds(330));
    assertThat(s.runnableWait().min()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.runnableWait().median()).isEqualTo(Duration.ofSeconds(150));
    assertThat(s.runnableWait().max()).isEqualTo(Duration.ofSeconds(270));
    assertThat(s.peakInstances()).isEqualTo(2);
    assertThat(s.peakDesiredVcpus()).isEqualTo(4);
    assertThat(s.instancesUsed()).isEqualTo(2);
    assertThat(s.efficiency()).hasValueSatisfying(e -> assertThat(e).isEqualTo(300.0 / 330.0));
    assertThat(s.verdict()).startsWith("as predicted: 2 at once in 5 waves (maxvCpus 4 holds 2 jobs of 2 vCPU on "
        + "m7i.large), makespan 330 s vs ideal 300 s");
    assertThat(s.failed()).isEmpty();
  }

  @Test
  void moreAtOnceThanPredictedIsCalledOut() {
    List<JobAttempt> attempts = slotted(10, 3, 30, 60, 0);
    RunSummary s = SummaryCalculator.summarize("r1", 10, attempts, List.of(), MAX_4, Outcome.COMPLETED);
    assertThat(s.verdict()).startsWith("more at once than predicted").contains("observed 3 at once in 4 waves")
        .contains("predicted 2 in 5 waves");
  }

  @Test
  void failedJobsAreListedWithReasonAndLogStreamOfTheLastAttempt() {
    List<JobAttempt> attempts = new ArrayList<>(slotted(1, 1, 0, 60, 0));
    attempts.add(new JobAttempt("job-2", "id-2", 1, JobState.FAILED, "Host EC2 (instance i-1) terminated.", null,
        at(0), at(0), at(5), at(20), "i-1", null, "log/first"));
    attempts.add(new JobAttempt("job-2", "id-2", 2, JobState.FAILED, "Essential container in task exited", 3,
        at(0), at(20), at(25), at(40), "i-2", null, "log/second"));
    RunSummary s = SummaryCalculator.summarize("r1", 2, attempts, List.of(), null, Outcome.COMPLETED);
    assertThat(s.byStatus()).containsEntry(JobState.FAILED, 1).containsEntry(JobState.SUCCEEDED, 1);
    assertThat(s.failed()).containsExactly(
        new FailedJob("job-2", "id-2", "Essential container in task exited", 3, "log/second"));
    assertThat(s.verdict()).isEqualTo("1 of 2 jobs FAILED: Essential container in task exited, exit code 3 (1 job)");
  }

  /** {@code jobs} jobs that each exit 1 right after starting, as with {@code --parameter seconds=abc}. */
  private static List<JobAttempt> exitingOne(int jobs) {
    List<JobAttempt> attempts = new ArrayList<>();
    for (int i = 1; i <= jobs; i++) {
      attempts.add(new JobAttempt("job-" + i, "id-" + i, 1, JobState.FAILED, "Essential container in task exited", 1,
          at(0), at(0), at(95 + i), at(95 + i), "i-" + (i % 2), "m7i.large", "log/" + i));
    }
    return attempts;
  }

  @Test
  void jobsThatFailedAreTheVerdictNotCapacity() {
    RunSummary s = SummaryCalculator.summarize("r1", 10, exitingOne(10), List.of(), MAX_4, Outcome.COMPLETED);

    assertThat(s.verdict()).isEqualTo("10 of 10 jobs FAILED: Essential container in task exited, exit code 1 (10 jobs)");
  }

  @Test
  void aRunThatDiffersWithFailedJobsIsNotBlamedOnCapacity() {
    List<JobAttempt> attempts = new ArrayList<>(slotted(6, 2, 30, 60, 0));
    attempts.addAll(exitingOne(4).stream().map(a -> new JobAttempt("job-f" + a.jobName(), "f" + a.jobId(), 1,
        a.status(), a.statusReason(), a.exitCode(), a.createdAt(), a.queuedAt(), at(400), at(400), a.instance(),
        a.instanceType(), a.logStream())).toList());

    RunSummary s = SummaryCalculator.summarize("r1", 10, attempts, List.of(), MAX_4, Outcome.COMPLETED);

    assertThat(s.verdict()).startsWith("4 of 10 jobs FAILED: Essential container in task exited, exit code 1 (4 jobs); "
        + "observed ").endsWith("predicted 2 in 5 waves (failed jobs free their slots early, so this says nothing "
        + "about capacity)").doesNotContain("capacity or placement");
  }

  @Test
  void aRunAsPredictedWithAFailedJobSaysBoth() {
    List<JobAttempt> attempts = new ArrayList<>(slotted(10, 2, 30, 60, 0));
    JobAttempt last = attempts.remove(9);
    attempts.add(new JobAttempt(last.jobName(), last.jobId(), 1, JobState.FAILED, "Essential container in task exited",
        2, last.createdAt(), last.queuedAt(), last.startedAt(), last.stoppedAt(), last.instance(), null, null));

    RunSummary s = SummaryCalculator.summarize("r1", 10, attempts, List.of(), MAX_4, Outcome.COMPLETED);

    assertThat(s.verdict()).startsWith("as predicted: 2 at once in 5 waves")
        .endsWith("; 1 of 10 jobs FAILED: Essential container in task exited, exit code 2 (1 job)");
  }

  @Test
  void failureReasonsAreCountedMostCommonFirstAndCappedAtThree() {
    List<FailedJob> failed = new ArrayList<>();
    failed.add(new FailedJob("a", "1", "Timeout", null, null));
    for (int i = 0; i < 3; i++) {
      failed.add(new FailedJob("b" + i, "b" + i, "Essential container in task exited", 1, null));
    }
    failed.add(new FailedJob("c", "3", null, 137, null));
    failed.add(new FailedJob("d", "4", "Dependent Job failed", null, null));

    assertThat(Verdict.reasons(failed)).isEqualTo("Essential container in task exited, exit code 1 (3 jobs), "
        + "Timeout (1 job), no status reason, exit code 137 (1 job), 1 other reason");
  }

  @Test
  void unfinishedRunHasNoMakespanAndSaysIncomplete() {
    List<JobAttempt> attempts = new ArrayList<>(slotted(2, 2, 30, 60, 0));
    attempts.add(new JobAttempt("job-3", "id-3", 1, JobState.RUNNABLE, null, null, at(0), at(0), null, null, null,
        null, null));
    RunSummary s = SummaryCalculator.summarize("r1", 3, attempts, List.of(), MAX_4, Outcome.TIMED_OUT);
    assertThat(s.makespan()).isNull();
    assertThat(s.lastStoppedAt()).isNull();
    assertThat(s.runnableWait().count()).isEqualTo(2);
    assertThat(s.verdict()).isEqualTo("incomplete (timed out): 2 of 3 jobs finished, 2 ran at once so far (predicted 2)");
  }

  @Test
  void retriedJobWaitsAreMeasuredFromCreationToTheFirstStart() {
    List<JobAttempt> attempts = List.of(
        new JobAttempt("job-1", "id-1", 1, JobState.FAILED, "Host EC2 (instance i-1) terminated.", null, at(0), at(0),
            at(40), at(50), "i-1", null, null),
        new JobAttempt("job-1", "id-1", 2, JobState.SUCCEEDED, null, 0, at(0), at(50), at(100), at(160), "i-2", null,
            null));
    RunSummary s = SummaryCalculator.summarize("r1", 1, attempts, List.of(), null, Outcome.COMPLETED);
    assertThat(s.runnableWait().max()).isEqualTo(Duration.ofSeconds(40));
    assertThat(s.makespan()).isEqualTo(Duration.ofSeconds(160));
    assertThat(s.waves()).isEqualTo(2);
    assertThat(s.verdict()).startsWith("1 job ran at once in 2 waves; no prediction");
  }
}
