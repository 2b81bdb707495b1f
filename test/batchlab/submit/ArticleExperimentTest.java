package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.RunSummary;
import batchlab.run.JobState;
import batchlab.run.Outcome;
import batchlab.run.Sample;
import batchlab.watch.WatchListener;
import batchlab.watch.WatchResult;
import batchlab.watch.Watcher;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article's experiment through submit + watch over real HTTP against the emulator. */
class ArticleExperimentTest {

  @TempDir Path runs;
  LocalBatch local;

  @BeforeEach
  void start() {
    local = LocalBatch.start(runs);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  @Test
  void tenJobsOnMaxFourRunTwoAtOnceInFiveWavesThenOnMaxTwentyAllTenInOneWave() {
    SubmitResult first = local.submitter().submit(SubmitRequest.builder().jobs(10).namePrefix("my-batch-job").build(),
        SubmitListener.NONE);
    assertThat(first.run().jobs()).hasSize(10);
    assertThat(first.prediction().concurrency()).isEqualTo(2);
    assertThat(first.prediction().waves()).isEqualTo(5);

    RunSummary four = local.watch(first.run()).summary();
    assertThat(four.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(four.count(JobState.SUCCEEDED)).isEqualTo(10);
    assertThat(four.maxRunning()).isEqualTo(2);
    assertThat(four.waves()).isEqualTo(5);
    assertThat(four.peakInstances()).isEqualTo(2);
    assertThat(four.instancesUsed()).isEqualTo(2);
    assertThat(four.makespan()).isGreaterThan(Duration.ofSeconds(300));
    assertThat(four.verdict()).startsWith("as predicted: 2 at once in 5 waves (maxvCpus 4 holds 2 jobs of 2 vCPU on "
        + "m7i.large)");

    // The article's option step: max vCPU raised to 20 in place, later, then 10 more jobs.
    local.comeBackLater();
    local.clients.batch().updateComputeEnvironment(r -> r.computeEnvironment(local.output("ComputeEnvironmentArn"))
        .computeResources(c -> c.maxvCpus(20)));
    SubmitResult second = local.submitter().submit(SubmitRequest.builder().jobs(10).namePrefix("my-batch-job-b")
        .build(), SubmitListener.NONE);
    RunSummary twenty = local.watch(second.run()).summary();
    assertThat(twenty.count(JobState.SUCCEEDED)).isEqualTo(10);
    assertThat(twenty.maxRunning()).isEqualTo(10);
    assertThat(twenty.waves()).isEqualTo(1);
    assertThat(twenty.peakInstances()).isEqualTo(10);
    assertThat(twenty.instancesUsed()).isEqualTo(10);
    assertThat(twenty.peakDesiredVcpus()).isEqualTo(20);
    assertThat(twenty.prediction().concurrency()).isEqualTo(10);
    assertThat(twenty.verdict()).startsWith("as predicted: 10 at once in 1 wave");
  }

  @Test
  void aStopMidWatchEndsWithAnIncompleteSummaryOfWhatRanSoFar() {
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(10).build(), SubmitListener.NONE);
    Watcher watcher = local.watcher();
    WatchListener stopAfterThreeMinutes = new WatchListener() {
      int polls;

      @Override
      public void polled(Sample sample, Duration elapsed, int jobs) {
        local.emulator.advance(LocalBatch.POLL_STEP);
        if (++polls == 36) {
          watcher.requestStop(); // what Ctrl-C does
        }
      }
    };
    WatchResult watched = watcher.watch(submitted.run(), stopAfterThreeMinutes);

    assertThat(watched.samples()).hasSize(36);
    RunSummary summary = watched.summary();
    assertThat(summary.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(summary.makespan()).isNull();
    assertThat(summary.count(JobState.SUCCEEDED)).isEqualTo(2);
    assertThat(summary.count(JobState.RUNNING)).isEqualTo(2);
    assertThat(summary.verdict()).isEqualTo("incomplete (interrupted): 2 of 10 jobs finished, 2 ran at once so far "
        + "(predicted 2)");
    assertThat(watched.attempts()).hasSize(10);
  }
}
