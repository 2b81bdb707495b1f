package batchlab.analysis;

import batchlab.util.Durations;
import static batchlab.run.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.InstanceTypeCatalog;
import batchlab.run.Attempts;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.Outcome;
import batchlab.run.RunStoreTest;
import batchlab.run.Sample;
import batchlab.watch.StatusLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTextTest {

  @Test
  void showsObservedAndPredictedSideBySideAndEachFailedJobWithItsLogStream() {
    List<JobAttempt> attempts = new ArrayList<>(Attempts.slotted(9, 2, 30, 60, 0));
    attempts.add(new JobAttempt("job-10", "id-10", 1, JobState.FAILED, "Essential container in task exited", 1,
        at(0), at(0), at(300), at(310), "i-0", "m7i.large", "batch-lab/default/abc"));
    Prediction prediction =
        Prediction.of(10, 2, 1024, 4, InstanceTypeCatalog.resolve(List.of("m7i.large")), Duration.ofSeconds(60));
    List<Sample> samples = List.of(new Sample(at(100), Map.of(JobState.RUNNING, 2), 2, 4));
    RunSummary summary = SummaryCalculator.summarize("r1", 10, attempts, samples, prediction, Outcome.COMPLETED);

    String text = SummaryText.render(summary, RunStoreTest.record("r1", List.of()));
    assertThat(text.lines()).containsSequence(
        "run r1: 10 jobs, COMPLETED",
        "jobs by status: SUCCEEDED 9, FAILED 1",
        "                       observed   predicted",
        "  running at once             2   2",
        "  waves                       5   5",
        "  makespan                330 s   300 s (ideal)",
        "  peak instances              2   2 x m7i.large",
        "  peak desiredvCpus           4   max 4",
        "RUNNABLE wait per job: min 30 s, median 150 s, max 300 s");
    assertThat(text).contains("verdict: as predicted: 2 at once in 5 waves", "; 1 of 10 jobs FAILED: Essential container in task exited, exit code 1 (1 job)\n");
    assertThat(text).endsWith("failed jobs:\n  job-10 (id-10): Essential container in task exited, exit code 1, "
        + "log stream batch-lab/default/abc in /aws/batch/job\n");
  }

  @Test
  void statusLineShowsEveryStateInstancesAndElapsedTime() {
    Sample sample = new Sample(at(0), Map.of(JobState.RUNNABLE, 8, JobState.RUNNING, 2), 2, 4);
    assertThat(StatusLine.format(sample, Duration.ofSeconds(75), 10)).isEqualTo(
        "   1m15s  SUBMITTED 0  PENDING 0  RUNNABLE 8  STARTING 0  RUNNING 2  SUCCEEDED 0  FAILED 0  "
            + "| instances 2  desiredvCpus 4  (10 jobs)");
    assertThat(Durations.clock(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
  }
}
