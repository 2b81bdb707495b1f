package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.local.Faults;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.watch.WatchResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spot reclaims with the stack's retry strategy: the timeline shows every attempt, the summary every job's end. */
class SpotInterruptionTimelineTest {

  @TempDir Path runs;

  @Test
  void reclaimedAttemptsAppearAsFailedRowsBeforeTheRetryThatSucceeded() {
    try (LocalBatch local = LocalBatch.start(runs, Faults.NONE.withSpotInterruptionRate(15))) {
      SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(10).build(), SubmitListener.NONE);
      WatchResult watched = local.watch(submitted.run());

      assertThat(watched.summary().count(JobState.SUCCEEDED)).isEqualTo(10);
      assertThat(watched.summary().verdict()).contains("retried");
      Map<String, List<JobAttempt>> byJob = watched.attempts().stream()
          .collect(Collectors.groupingBy(JobAttempt::jobId));
      assertThat(byJob).hasSize(10);
      List<List<JobAttempt>> retried = byJob.values().stream().filter(a -> a.size() > 1).toList();
      assertThat(retried).isNotEmpty();
      for (List<JobAttempt> attempts : retried) {
        JobAttempt last = attempts.get(attempts.size() - 1);
        assertThat(last.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(last.exitCode()).isZero();
        for (JobAttempt reclaimed : attempts.subList(0, attempts.size() - 1)) {
          assertThat(reclaimed.status()).isEqualTo(JobState.FAILED);
          assertThat(reclaimed.statusReason()).startsWith("Host EC2 (instance i-");
          assertThat(reclaimed.stoppedAt()).isNotNull();
          // A host lost while the attempt was STARTING: no startedAt and no log stream, and no run counted.
          assertThat(reclaimed.logStream() == null).isEqualTo(reclaimed.startedAt() == null);
        }
        for (int i = 1; i < attempts.size(); i++) {
          // A retry waits from the moment its predecessor stopped.
          assertThat(attempts.get(i).queuedAt()).isEqualTo(attempts.get(i - 1).stoppedAt());
          assertThat(attempts.get(i).attempt()).isEqualTo(i + 1);
        }
      }
      assertThat(watched.attempts()).allSatisfy(a -> {
        assertThat(a.instance()).startsWith("i-");
        assertThat(a.instanceType()).isEqualTo("m7i.large");
      });
      assertThat(watched.summary().maxRunning()).as("maxvCpus 4 holds two 2-vCPU jobs").isEqualTo(2);
    }
  }
}
