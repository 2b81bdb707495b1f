package batchlab.analysis;

import static batchlab.run.Attempts.at;
import static batchlab.run.Attempts.slotted;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.InstanceTypeCatalog;
import batchlab.run.Attempts;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11.2: watching a run again never makes its summary worse; the rule per figure. */
class SummaryMergeTest {

  private static final Prediction MAX_4 =
      Prediction.of(10, 2, 1024, 4, InstanceTypeCatalog.resolve(List.of("m7i.large")), Duration.ofSeconds(60));
  private static final Prediction MAX_20 =
      Prediction.of(10, 2, 1024, 20, InstanceTypeCatalog.resolve(List.of("m7i.large")), Duration.ofSeconds(60));

  private static RunSummary summary(List<JobAttempt> attempts, int jobs, int peakInstances, int peakDesired,
      Prediction prediction, Outcome outcome) {
    return SummaryCalculator.summarize("r1", jobs, attempts, peakInstances, peakDesired, prediction, outcome);
  }

  /** The same attempts seen after the instances were gone: no instance names. */
  private static List<JobAttempt> withoutInstances(List<JobAttempt> attempts) {
    return attempts.stream().map(a -> new JobAttempt(a.jobName(), a.jobId(), a.attempt(), a.status(), a.statusReason(),
        a.exitCode(), a.createdAt(), a.queuedAt(), a.startedAt(), a.stoppedAt(), null, null, a.logStream())).toList();
  }

  @Test
  void aLaterWatchAfterTheScaleInKeepsThePeaksAndTheInstancesUsed() {
    List<JobAttempt> attempts = slotted(10, 2, 30, 60, 0);
    RunSummary recorded = summary(attempts, 10, 2, 4, MAX_4, Outcome.COMPLETED);
    RunSummary later = summary(withoutInstances(attempts), 10, 0, 0, MAX_4, Outcome.COMPLETED);
    assertThat(later.instancesUsed()).isZero();

    SummaryMerge.Merged merged = SummaryMerge.merge(recorded, attempts, later, withoutInstances(attempts));

    assertThat(merged.summary()).isEqualTo(recorded);
    assertThat(merged.attempts()).isEqualTo(attempts);
  }

  @Test
  void eachPeakIsTheHigherOfTheTwoWatches() {
    List<JobAttempt> attempts = slotted(10, 2, 30, 60, 0);
    RunSummary first = summary(attempts, 10, 1, 4, MAX_4, Outcome.INTERRUPTED);
    RunSummary second = summary(attempts, 10, 2, 2, MAX_4, Outcome.COMPLETED);
    RunSummary merged = SummaryMerge.merge(first, attempts, second, attempts).summary();
    assertThat(merged.peakInstances()).isEqualTo(2);
    assertThat(merged.peakDesiredVcpus()).isEqualTo(4);
  }

  @Test
  void aJobTakesTheVersionThatGotFurther() {
    JobAttempt running = new JobAttempt("job-1", "id-1", 1, JobState.RUNNING, null, null, Attempts.T0, Attempts.T0,
        at(30), null, "i-0", "m7i.large", "log/default/1");
    JobAttempt done = Attempts.succeeded(1, 0, 30, 90, "i-0");
    RunSummary interrupted = summary(List.of(running), 1, 1, 2, MAX_4, Outcome.INTERRUPTED);
    RunSummary completed = summary(List.of(done), 1, 0, 0, MAX_4, Outcome.COMPLETED);

    // Finished later: the later watch's version wins, and the run is COMPLETED.
    SummaryMerge.Merged forward = SummaryMerge.merge(interrupted, List.of(running), completed, List.of(done));
    assertThat(forward.attempts()).containsExactly(done);
    assertThat(forward.summary().outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(forward.summary().makespan()).isEqualTo(Duration.ofSeconds(90));

    // Recorded finished, seen again stuck (another server's clock): the finished version stays.
    SummaryMerge.Merged backward = SummaryMerge.merge(completed, List.of(done), interrupted, List.of(running));
    assertThat(backward.attempts()).containsExactly(done);
    assertThat(backward.summary().outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(backward.summary().count(JobState.SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void jobsOnlyOneWatchSawAreKeptAndTheJobCountNeverDrops() {
    List<JobAttempt> all = slotted(10, 2, 30, 60, 0);
    List<JobAttempt> nine = all.subList(0, 9); // the server has dropped job 10 since
    RunSummary recorded = summary(all, 10, 2, 4, MAX_4, Outcome.COMPLETED);
    RunSummary later = summary(nine, 9, 0, 0, MAX_4, Outcome.COMPLETED);
    RunSummary merged = SummaryMerge.merge(recorded, all, later, nine).summary();
    assertThat(merged.jobs()).isEqualTo(10);
    assertThat(merged.count(JobState.SUCCEEDED)).isEqualTo(10);
    assertThat(merged.waves()).isEqualTo(5);
  }

  @Test
  void thePredictionIsTheOneRecordedWhileTheRunRan() {
    List<JobAttempt> attempts = slotted(10, 2, 30, 60, 0);
    RunSummary recorded = summary(attempts, 10, 2, 4, MAX_4, Outcome.COMPLETED);
    RunSummary afterTheSwap = summary(attempts, 10, 0, 0, MAX_20, Outcome.COMPLETED); // maxvCpus is 20 by now
    RunSummary merged = SummaryMerge.merge(recorded, attempts, afterTheSwap, attempts).summary();
    assertThat(merged.prediction()).isEqualTo(MAX_4);
    assertThat(merged.verdict()).startsWith("as predicted");

    RunSummary noneRecorded = summary(attempts, 10, 2, 4, null, Outcome.COMPLETED);
    assertThat(SummaryMerge.merge(noneRecorded, attempts, afterTheSwap, attempts).summary().prediction())
        .isEqualTo(MAX_20);
  }

  @Test
  void anUnfinishedMergeKeepsTheLaterWatchsOutcome() {
    JobAttempt runnable = new JobAttempt("job-1", "id-1", 1, JobState.RUNNABLE, null, null, Attempts.T0, Attempts.T0,
        null, null, null, null, null);
    RunSummary first = summary(List.of(runnable), 1, 0, 2, MAX_4, Outcome.INTERRUPTED);
    RunSummary second = summary(List.of(runnable), 1, 0, 2, MAX_4, Outcome.TIMED_OUT);
    assertThat(SummaryMerge.merge(first, List.of(runnable), second, List.of(runnable)).summary().outcome())
        .isEqualTo(Outcome.TIMED_OUT);
  }
}
