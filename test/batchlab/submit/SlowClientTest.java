package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.RunSummary;
import batchlab.local.FakeTicker;
import batchlab.run.JobShape;
import batchlab.run.RunRecord;
import batchlab.run.Sample;
import batchlab.run.SubmittedJob;
import batchlab.watch.WatchListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * The article's own method (a shell loop of {@code aws batch submit-job}, one process of about
 * 0.45 s per job) gives the article's answer on the emulator's default 60x clock, the same as the
 * in-process submitter's fan-out: client pacing makes the loop's real gaps its virtual gaps.
 */
class SlowClientTest {

  static final Duration CLI_CALL = Duration.ofMillis(450);
  /** One watcher poll: 5 virtual seconds at 60x. */
  static final Duration POLL = Duration.ofMillis(5000 / 60);

  @TempDir Path runs;
  FakeTicker real = new FakeTicker();

  @Test
  void tenSlowSubmitsRunTwoAtOnceInFiveWavesWithinFiveSecondsOfTheFanOutsMakespan() {
    RunSummary loop;
    try (LocalBatch local = LocalBatch.startPaced(runs.resolve("loop"), real)) {
      loop = local.watcher().watch(submitLikeTheAwsCli(local, 10), pollEvery(POLL)).summary();
    }
    RunSummary fanOut;
    try (LocalBatch local = LocalBatch.startPaced(runs.resolve("fan-out"), real)) {
      SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(10).build(), SubmitListener.NONE);
      fanOut = local.watcher().watch(submitted.run(), pollEvery(POLL)).summary();
    }

    assertThat(loop.maxRunning()).isEqualTo(2);
    assertThat(loop.waves()).isEqualTo(5);
    assertThat(fanOut.maxRunning()).isEqualTo(2);
    assertThat(fanOut.waves()).isEqualTo(5);
    assertThat(loop.makespan().minus(fanOut.makespan()).abs()).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }

  /** Ten SubmitJob calls through the SDK, 0.45 s of real time apart, recorded as a run for the watcher. */
  private RunRecord submitLikeTheAwsCli(LocalBatch local, int jobs) {
    BatchClient batch = local.clients.batch();
    String queue = local.output("JobQueueArn");
    String definition = local.output("JobDefinitionArn");
    List<SubmittedJob> submitted = new ArrayList<>();
    for (int i = 1; i <= jobs; i++) {
      String name = "my-batch-job-" + i;
      submitted.add(new SubmittedJob(i, name,
          batch.submitJob(r -> r.jobName(name).jobQueue(queue).jobDefinition(definition)).jobId()));
      real.advance(CLI_CALL);
    }
    return new RunRecord("20261201-000000-slow", Instant.now(), local.endpoint(), "us-east-1", LocalBatch.STACK,
        queue, definition, null, "my-batch-job", jobs, false, Map.of(),
        new JobShape(2, 1024, Duration.ofSeconds(60)), submitted);
  }

  /** Lets {@code realStep} of real time pass after each poll, as a watcher sleeping between polls. */
  private WatchListener pollEvery(Duration realStep) {
    return new WatchListener() {
      @Override
      public void polled(Sample sample, Duration elapsed, int jobs) {
        real.advance(realStep);
      }
    };
  }
}
