package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.util.BadInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;

/** Huge durations are refused at the door or capped at the horizon; nothing overflows the virtual clock. */
class DurationLimitsTest {

  @Test
  void aJobThatWouldRunPastTheHorizonFailsOnItsAttemptTimeout() {
    WorkloadModel forever = submission -> WorkloadModel.Run.succeedsAfter(Timings.MAX);
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.workload(forever))) {
      String id = harness.submit("forever");
      harness.advanceUntil(Duration.ofMinutes(1), Duration.ofHours(3),
          batch -> harness.job(id).status() == JobStatus.FAILED);
      JobDetail job = harness.job(id);
      assertThat(job.statusReason()).isEqualTo("Job attempt duration exceeded timeout");
      assertThat(job.stoppedAt() - job.startedAt()).isEqualTo(3_600_000L);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e30", "1e16", "9223372036854775807"})
  void theLabsScriptRefusesAHugeSecondsValueAtOnce(String seconds) {
    try (EmulatorHarness harness = new EmulatorHarness()) {
      String id = harness.submit("huge", r -> r.parameters(Map.of("seconds", seconds)));
      harness.advanceUntil(Duration.ofMinutes(1), Duration.ofHours(3),
          batch -> harness.job(id).status() == JobStatus.FAILED);
      JobDetail job = harness.job(id);
      assertThat(job.container().exitCode()).isEqualTo(2);
      assertThat(job.container().reason()).isEqualTo("sleep_example.py: SECONDS must be a number from 0 to 86400, got '"
          + seconds + "'");
      assertThat(job.stoppedAt()).isEqualTo(job.startedAt());
    }
  }

  @Test
  void delaysLongerThanTheHorizonAreRefused() {
    assertThatThrownBy(() -> Timings.DEFAULT.withInstanceBoot(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(BadInputException.class)
        .hasMessage("instance boot delay must be between 0 and 3155760000 seconds (100 years), got PT2562047788015215H30M7S");
    assertThatThrownBy(() -> WorkloadModel.Run.succeedsAfter(Timings.MAX.plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void advancingAStoppedClockByAnyDurationNeverWrapsIntoThePast() {
    try (EmulatorHarness harness = new EmulatorHarness()) {
      long before = harness.emulator.now().toEpochMilli();
      harness.emulator.advance(Duration.ofSeconds(Long.MAX_VALUE));
      assertThat(harness.emulator.now().toEpochMilli()).isGreaterThan(before);
    }
  }

  @Test
  void clockSumsSaturateInsteadOfOverflowing() {
    assertThat(ClockMath.plus(1_000L, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(ClockMath.plus(Long.MAX_VALUE - 1, 5L)).isEqualTo(Long.MAX_VALUE);
    assertThat(ClockMath.plus(1_000L, Duration.ofMillis(500))).isEqualTo(1_500L);
  }
}
