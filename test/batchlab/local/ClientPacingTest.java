package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * Client pacing over HTTP with the real SDK: a client's state-changing calls hold the clock at real
 * speed, so the virtual gaps between them equal the real ones; read-only calls do not. Real time is
 * a {@link FakeTicker}, so nothing sleeps.
 */
class ClientPacingTest {

  FakeTicker real = new FakeTicker();

  private EmulatorHarness at60(Duration hold) {
    return new EmulatorHarness(b -> b.speed(Speed.of(60)).realTime(real).holdWindow(hold));
  }

  private List<Long> createdAtGaps(EmulatorHarness harness, int jobs, double realPauseSeconds) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= jobs; i++) {
      ids.add(harness.submit("paced-" + i));
      real.advanceSeconds(realPauseSeconds);
    }
    List<Long> created = harness.jobs(ids).stream().map(JobDetail::createdAt).toList();
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < created.size(); i++) {
      gaps.add(created.get(i) - created.get(i - 1));
    }
    return gaps;
  }

  @Test
  void aClientPausingOneSecondBetweenSubmitsAtSpeed60GetsCreatedAtGapsOfOneSecond() {
    try (EmulatorHarness harness = at60(BatchEmulator.DEFAULT_HOLD_WINDOW)) {
      assertThat(createdAtGaps(harness, 5, 1.0)).hasSize(4).allSatisfy(gap -> assertThat(gap).isBetween(800L, 1200L));
    }
  }

  @Test
  void withoutPacingTheSameClientsGapsAreStretchedSixtyTimes() {
    try (EmulatorHarness harness = at60(Duration.ZERO)) {
      assertThat(createdAtGaps(harness, 3, 1.0)).containsOnly(60_000L);
    }
  }

  @Test
  void theClockReturnsToItsSpeedOnceNoCallHasArrivedForTheHoldWindow() {
    try (EmulatorHarness harness = at60(BatchEmulator.DEFAULT_HOLD_WINDOW)) {
      harness.submit("one");
      long afterSubmit = harness.emulator.now().toEpochMilli();
      real.advanceSeconds(2);
      long heldEnd = harness.emulator.now().toEpochMilli();
      real.advanceSeconds(1);
      long later = harness.emulator.now().toEpochMilli();

      assertThat(heldEnd - afterSubmit).isEqualTo(2_000);
      assertThat(later - heldEnd).isEqualTo(60_000);
    }
  }

  @Test
  void readOnlyCallsDoNotHoldTheClock() {
    try (EmulatorHarness harness = at60(BatchEmulator.DEFAULT_HOLD_WINDOW)) {
      long before = harness.emulator.now().toEpochMilli();
      for (int poll = 0; poll < 10; poll++) {
        harness.batch.describeJobQueues(r -> r.jobQueues(harness.queue));
        harness.batch.listJobs(r -> r.jobQueue(harness.queue));
        harness.batch.describeComputeEnvironments(r -> r.computeEnvironments(harness.computeEnvironment));
        real.advanceSeconds(0.1);
      }
      assertThat(harness.emulator.now().toEpochMilli() - before).isEqualTo(60_000);
    }
  }

  @Test
  void everyKindOfStateChangingCallHoldsTheClock() {
    try (EmulatorHarness harness = at60(BatchEmulator.DEFAULT_HOLD_WINDOW)) {
      List<Runnable> calls = List.of(
          () -> harness.batch.updateComputeEnvironment(r -> r.computeEnvironment(harness.computeEnvironment)
              .computeResources(c -> c.maxvCpus(8))),
          () -> harness.batch.updateJobQueue(r -> r.jobQueue(harness.queue).priority(5)),
          () -> harness.batch.cancelJob(r -> r.jobId(harness.submit("to-cancel")).reason("test")),
          () -> harness.batch.tagResource(r -> r.resourceArn(harness.emulator.stack().output("JobQueueArn")
              .orElseThrow()).tags(java.util.Map.of("k", "v"))));
      for (Runnable call : calls) {
        real.advanceSeconds(5); // well past any earlier hold
        call.run();
        long start = harness.emulator.now().toEpochMilli();
        real.advanceSeconds(1);
        assertThat(harness.emulator.now().toEpochMilli() - start).isEqualTo(1_000);
      }
    }
  }

  @Test
  void aManualClockDoesNotMoveWhateverTheClientDoes() {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.realTime(real))) {
      long before = harness.emulator.now().toEpochMilli();
      harness.submit("manual");
      real.advanceSeconds(30);
      assertThat(harness.emulator.now().toEpochMilli()).isEqualTo(before);
    }
  }
}
