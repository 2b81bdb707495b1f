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

  /** Issue 9.1: a restarted emulator with the same seed hands the same ids to another run's jobs. */
  @Test
  void jobsOfAnotherRunUnderTheRecordedIdsAreNotTakenForTheRun() {
    RunRecord first;
    try (LocalBatch before = LocalBatch.startReproducible(runs)) {
      first = before.submitter().submit(SubmitRequest.builder().jobs(3).namePrefix("first").build(),
          SubmitListener.NONE).run();
    }
    try (LocalBatch restarted = LocalBatch.startReproducible(runs)) {
      RunRecord other = restarted.submitter().submit(SubmitRequest.builder().jobs(3).namePrefix("other").build(),
          SubmitListener.NONE).run();
      assertThat(other.jobs()).extracting(SubmittedJob::id).containsExactlyInAnyOrderElementsOf(
          first.jobs().stream().map(SubmittedJob::id).toList()); // the collision, as after a restart

      List<String> warnings = new ArrayList<>();
      assertThatThrownBy(() -> restarted.watcher().watch(first, warningsInto(warnings, restarted)))
          .isInstanceOf(SubmitException.class)
          .hasMessageStartingWith("none of the jobs of run " + first.runId() + " are known at ");
      assertThat(warnings).containsExactlyInAnyOrderElementsOf(first.jobs().stream()
          .map(j -> "job " + j.name() + " (" + j.id() + ") is not known to the server: left out of the watch").toList());
    }
  }

  @Test
  void aJobOfTheSameNameCreatedBeforeTheRunBeganIsNotTheRunsJob() {
    RunRecord first;
    try (LocalBatch before = LocalBatch.startReproducible(runs)) {
      first = twoJobs(before, "same");
    }
    // Same seed and names, but a server whose jobs were created an hour before the run began.
    try (LocalBatch older = LocalBatch.startAt(runs.resolve("older"), first.createdAt().minus(Duration.ofHours(1)))) {
      RunRecord old = twoJobs(older, "same");
      assertThat(old.jobs()).isEqualTo(first.jobs()); // same names, same ids: only createdAt tells them apart
      assertThatThrownBy(() -> older.watch(first))
          .isInstanceOf(SubmitException.class)
          .hasMessageStartingWith("none of the jobs of run " + first.runId() + " are known at ");
    }
  }

  @Test
  void aJobCreatedWithinTheClockSkewAllowanceBeforeTheRunBeganIsStillTheRunsJob() {
    RunRecord first;
    try (LocalBatch before = LocalBatch.startReproducible(runs)) {
      first = twoJobs(before, "skew");
    }
    // A server clock 4 minutes behind the client's: within RunRecord.CLOCK_SKEW.
    try (LocalBatch behind = LocalBatch.startAt(runs.resolve("behind"), first.createdAt().minus(Duration.ofMinutes(4)))) {
      RunRecord same = twoJobs(behind, "skew");
      assertThat(same.jobs()).isEqualTo(first.jobs());
      WatchResult watched = behind.watch(first);
      assertThat(watched.summary().count(JobState.SUCCEEDED)).isEqualTo(2);
    }
  }

  @Test
  void jobsNotDescribedYetShowApartFromSubmittedInTheSamples() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(2).build(), SubmitListener.NONE);
      List<SubmittedJob> jobs = new ArrayList<>(submitted.run().jobs());
      jobs.add(new SubmittedJob(3, "ghost", "00000000-0000-0000-0000-000000000000"));
      RunRecord withGhost = submitted.run().withJobs(jobs);
      List<Sample> samples = new ArrayList<>();
      local.watcher().watch(withGhost, new WatchListener() {
        @Override
        public void polled(Sample sample, Duration elapsed, int watched) {
          samples.add(sample);
          local.emulator.advance(LocalBatch.POLL_STEP);
        }
      });
      assertThat(samples.get(0).unknown()).isEqualTo(1);
      assertThat(samples.get(0).count(JobState.SUBMITTED) + samples.get(0).count(JobState.RUNNABLE)).isEqualTo(2);
      assertThat(samples.get(samples.size() - 1).unknown()).isZero(); // given up after three polls
    }
  }

  /** One SubmitJob at a time, so the same seed gives the same name the same id. */
  /** Submits jobs {@code <prefix>-1} and {@code <prefix>-2} one after the other, so their ids follow the seed in order. */
  private static RunRecord twoJobs(LocalBatch local, String prefix) {
    return new Submitter(local.clients, local.store, SubmitOptions.defaults().withMaxInFlight(1))
        .submit(SubmitRequest.builder().jobs(2).namePrefix(prefix).build(), SubmitListener.NONE).run();
  }

  private static WatchListener warningsInto(List<String> warnings, LocalBatch local) {
    return new WatchListener() {
      @Override
      public void polled(Sample sample, Duration elapsed, int watched) {
        local.emulator.advance(LocalBatch.POLL_STEP);
      }

      @Override
      public void warned(String warning) {
        warnings.add(warning);
      }
    };
  }
}
