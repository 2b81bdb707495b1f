package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.RunSummary;
import batchlab.run.JobState;
import batchlab.run.Outcome;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.run.SubmittedJob;
import batchlab.watch.RunResults;
import batchlab.watch.WatchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watching a run again, later or against another server, never makes its recorded results worse. */
class RewatchTest {

  @TempDir Path runs;

  @Test
  void watchingAFinishedRunAgainAfterTheScaleInKeepsItsPeaks() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      RunRecord run = local.submitter().submit(SubmitRequest.builder().jobs(10).build(), SubmitListener.NONE).run();
      RunSummary first = RunResults.save(local.store, local.watch(run)).orElseThrow().summary();
      assertThat(first.peakInstances()).isEqualTo(2);
      assertThat(first.peakDesiredVcpus()).isEqualTo(4);

      local.comeBackLater(); // the instances scale in
      WatchResult again = local.watch(run);
      assertThat(again.summary().peakInstances()).isZero(); // what the later watch alone sees
      RunSummary saved = RunResults.save(local.store, again).orElseThrow().summary();

      assertThat(saved.peakInstances()).isEqualTo(2);
      assertThat(saved.peakDesiredVcpus()).isEqualTo(4);
      assertThat(saved.instancesUsed()).isEqualTo(first.instancesUsed());
      assertThat(saved).isEqualTo(first);
      assertThat(local.store.loadSummary(run.runId(), RunSummary.class)).contains(first);
    }
  }

  @Test
  void aWatchThatSawNoneOfTheRunsJobsWritesNothing() throws Exception {
    try (LocalBatch local = LocalBatch.start(runs)) {
      RunRecord run = local.submitter().submit(SubmitRequest.builder().jobs(2).build(), SubmitListener.NONE).run();
      RunResults.save(local.store, local.watch(run)).orElseThrow();
      Path summary = runs.resolve(run.runId()).resolve(RunStore.SUMMARY_FILE);
      Path timeline = runs.resolve(run.runId()).resolve(RunStore.TIMELINE_FILE);
      String summaryBefore = Files.readString(summary);
      String timelineBefore = Files.readString(timeline);

      // Interrupted before the server described any job: nothing of the run was seen.
      RunRecord ghosts = run.withJobs(List.of(new SubmittedJob(1, run.jobName(1), "00000000-0000-0000-0000-000000000000")));
      batchlab.watch.Watcher watcher = local.watcher();
      watcher.requestStop(); // ends the watch after its first poll
      WatchResult nothing = watcher.watch(ghosts, local.clockDriver());
      assertThat(nothing.outcome()).isNotEqualTo(Outcome.COMPLETED);
      assertThat(nothing.attempts()).isEmpty();

      assertThat(RunResults.save(local.store, nothing)).isEmpty();
      assertThat(Files.readString(summary)).isEqualTo(summaryBefore);
      assertThat(Files.readString(timeline)).isEqualTo(timelineBefore);
      assertThat(local.store.loadSummary(run.runId(), RunSummary.class).orElseThrow().count(JobState.SUCCEEDED))
          .isEqualTo(2);
    }
  }
}
