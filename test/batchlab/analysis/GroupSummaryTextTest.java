package batchlab.analysis;

import static batchlab.run.Attempts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.JobAttempt;
import batchlab.run.JobGroup;
import batchlab.run.Outcome;
import batchlab.run.RunRecord;
import batchlab.run.RunStoreTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console summary's lines by queue and by share: short, one table per split, nothing for a plain run. */
class GroupSummaryTextTest {

  @Test
  void aRunWithTwoQueuesAndSharesGetsATableForEachSplitBeforeTheVerdict() {
    RunRecord run = GroupSplitTest.run(List.of(new JobGroup(GroupSplitTest.LOW, "low", "teamA", null, 1),
        new JobGroup(GroupSplitTest.HIGH, "high", "teamB", null, 1)));
    List<JobAttempt> attempts = List.of(succeeded(2, 0, 0, 60, "i-1"), succeeded(1, 0, 60, 120, "i-1"));
    RunSummary summary = SummaryCalculator.summarize("r1", 2, attempts, List.of(), null, Outcome.COMPLETED)
        .withGroups(GroupSplit.of(run, attempts));

    assertThat(SummaryText.render(summary, run).lines()).containsSequence(
        "by queue        jobs  peak vCPUs   busy vCPUs*  median wait  makespan",
        "  low              1           2          0.00         60 s     120 s",
        "  high             1           2          2.00          0 s      60 s",
        "by share        jobs  peak vCPUs   busy vCPUs*  median wait  makespan",
        "  teamA            1           2          0.00         60 s     120 s",
        "  teamB            1           2          2.00          0 s      60 s",
        "  * mean vCPUs RUNNING while every queue or share of the split had work");
  }

  @Test
  void aRunWithoutGroupsPrintsNoSplit() {
    List<JobAttempt> attempts = List.of(succeeded(1, 0, 0, 60, "i-1"));
    RunSummary summary = SummaryCalculator.summarize("r1", 1, attempts, List.of(), null, Outcome.COMPLETED);
    assertThat(SummaryText.render(summary, RunStoreTest.record("r1", List.of()))).doesNotContain("by queue")
        .doesNotContain("by share").doesNotContain("busy vCPUs");
  }
}
