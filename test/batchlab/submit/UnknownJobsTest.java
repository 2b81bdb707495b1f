package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.aws.SubmitException;
import batchlab.run.JobState;
import batchlab.run.Outcome;
import batchlab.run.RunRecord;
import batchlab.run.Sample;
import batchlab.run.SubmittedJob;
import batchlab.watch.WatchListener;
import batchlab.watch.WatchResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run recorded against another server (e.g. an emulator since restarted) does not hang the watch. */
class UnknownJobsTest {

  @TempDir Path runs;

  @Test
  void jobsTheServerDoesNotKnowAreLeftOutWithAWarning() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(2).build(), SubmitListener.NONE);
      List<SubmittedJob> jobs = new ArrayList<>(submitted.run().jobs());
      jobs.add(new SubmittedJob(3, "ghost", "00000000-0000-0000-0000-000000000000"));
      RunRecord withGhost = new RunRecord(submitted.run().runId(), submitted.run().createdAt(), null, "us-east-1",
          null, submitted.run().jobQueue(), submitted.run().jobDefinition(), null, "ghost", 3, false, null,
          submitted.run().job(), jobs);
      List<String> warnings = new ArrayList<>();
      WatchListener listener = new WatchListener() {
        @Override
        public void polled(Sample sample, Duration elapsed, int watched) {
          local.emulator.advance(LocalBatch.POLL_STEP);
        }

        @Override
        public void warned(String warning) {
          warnings.add(warning);
        }
      };
      WatchResult watched = local.watcher().watch(withGhost, listener);

      // (an emulator without GetJobQueueSnapshot adds its own warning, about the queue, not the jobs)
      assertThat(warnings).filteredOn(w -> !w.startsWith("queue snapshot not read")).containsExactly("job ghost (00000000-0000-0000-0000-000000000000) is not known to the "
          + "server: left out of the watch");
      assertThat(watched.outcome()).isEqualTo(Outcome.COMPLETED);
      assertThat(watched.summary().jobs()).isEqualTo(2);
      assertThat(watched.summary().count(JobState.SUCCEEDED)).isEqualTo(2);
    }
  }

  @Test
  void aRunWhoseJobsAreAllUnknownFailsWithAHint() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      RunRecord elsewhere = new RunRecord("r-elsewhere", java.time.Instant.now(), null, "us-east-1", null,
          local.output("JobQueueArn"), local.output("JobDefinitionArn"), null, "job", 1, false, null, null,
          List.of(new SubmittedJob(1, "job-1", "11111111-1111-1111-1111-111111111111")));
      assertThatThrownBy(() -> local.watch(elsewhere))
          .isInstanceOf(SubmitException.class)
          .hasMessage("none of the jobs of run r-elsewhere are known at " + local.endpoint() + ": was the "
              + "emulator restarted, or is it another endpoint? (jobs are also dropped by the server some time "
              + "after they finish)");
    }
  }
}
