package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.TwinClock;
import batchlab.run.Sample;
import batchlab.watch.WatchListener;
import batchlab.watch.WatchResult;
import batchlab.watch.Watcher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch from another process (the CLI against {@code ./batch-lab local}) has no handle on the emulator's
 * clock: it reads the virtual time from {@link TwinClock#HEADER}, so its polls line up with the jobs'
 * timestamps (the HTTP Date header is real time, and at 60x a poll's wait causes would fall beside the waits).
 */
class WatchOnTheVirtualClockTest {

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
  void everyAnswerCarriesTheEmulatorsVirtualTime() {
    local.emulator.advance(Duration.ofHours(3));
    String header = local.clients.batch().describeJobQueues(r -> {}).sdkHttpResponse()
        .firstMatchingHeader(TwinClock.HEADER).orElseThrow();
    assertThat(Instant.parse(header)).isEqualTo(local.emulator.now());
  }

  @Test
  void aWatchWithoutTheEmulatorsClockTimesItsPollsOnTheVirtualClockAndExplainsTheWaits() {
    SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(10).build(), SubmitListener.NONE);
    List<Instant> virtualAtPoll = new ArrayList<>();
    WatchResult watched = new Watcher(local.clients, LocalBatch.watchOptions()).watch(submitted.run(),
        new WatchListener() {
          @Override
          public void polled(Sample sample, Duration elapsed, int jobs) {
            virtualAtPoll.add(local.emulator.now());
            local.emulator.advance(LocalBatch.POLL_STEP);
          }
        });

    assertThat(watched.samples()).extracting(Sample::time).containsExactlyElementsOf(virtualAtPoll);
    // The article's first run: boot, then two at a time at maxvCpus 4; only the first 5 s before a poll unexplained.
    assertThat(watched.summary().waitCauses().line()).isEqualTo(
        "jobs waited 227 s on average: 90 s for instances to boot, 132 s at maxvCpus 4, 5 s for dispatch and container start");
  }
}
