package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client-paced clock on its own: real speed for the hold window after a call, then the base rate. */
class VirtualClockTest {

  static final long START = 1_800_000_000_000L;
  static final Duration HOLD = Duration.ofSeconds(2);

  FakeTicker real = new FakeTicker();

  @Test
  void aScaledClockRunsAtItsSpeedUntilAClientCallHoldsIt() {
    VirtualClock clock = new VirtualClock(Speed.of(60), START, HOLD, real);
    real.advanceSeconds(1);
    assertThat(clock.now()).isEqualTo(START + 60_000);

    clock.hold();
    real.advanceSeconds(1.5);
    assertThat(clock.now()).as("held: real speed").isEqualTo(START + 61_500);
    real.advanceSeconds(1.5);
    assertThat(clock.now()).as("0.5 s more held, then 1 s at 60x").isEqualTo(START + 62_000 + 60_000);
  }

  @Test
  void eachCallRestartsTheHoldWindow() {
    VirtualClock clock = new VirtualClock(Speed.of(60), START, HOLD, real);
    clock.hold();
    for (int i = 0; i < 10; i++) {
      real.advanceSeconds(1.7);
      clock.hold();
    }
    assertThat(clock.now()).isEqualTo(START + 17_000);
    assertThat(clock.holding()).isTrue();
    real.advanceSeconds(2);
    assertThat(clock.holding()).isFalse();
  }

  @Test
  void realMillisUntilCountsTheHeldPartAtRealSpeedAndTheRestAtTheScaledSpeed() {
    VirtualClock clock = new VirtualClock(Speed.of(60), START, HOLD, real);
    clock.hold();
    assertThat(clock.realMillisUntil(START + 1_000)).isEqualTo(1_000);
    // 2 s held, then the remaining 58 s of virtual time take 58/60 s.
    assertThat(clock.realMillisUntil(START + 60_000)).isEqualTo(2_000 + 967);
  }

  @Test
  void aHeldMaxClockRunsAtRealSpeedAndThenWaitsForTheSimulationToStepIt() {
    VirtualClock clock = new VirtualClock(Speed.MAX, START, HOLD, real);
    assertThat(clock.stepping()).isTrue();
    clock.hold();
    assertThat(clock.stepping()).isFalse();
    real.advanceSeconds(1);
    assertThat(clock.now()).isEqualTo(START + 1_000);
    real.advanceSeconds(5);
    assertThat(clock.now()).as("stands at the end of the hold").isEqualTo(START + 2_000);
    assertThat(clock.stepping()).isTrue();
    clock.moveTo(START + 90_000);
    assertThat(clock.now()).isEqualTo(START + 90_000);
  }

  @Test
  void aManualClockIsNeverHeld() {
    VirtualClock clock = new VirtualClock(Speed.MANUAL, START, HOLD, real);
    clock.hold();
    real.advanceSeconds(10);
    assertThat(clock.now()).isEqualTo(START);
    assertThat(clock.holding()).isFalse();
  }

  @Test
  void aZeroHoldWindowTurnsPacingOff() {
    VirtualClock clock = new VirtualClock(Speed.of(60), START, Duration.ZERO, real);
    clock.hold();
    real.advanceSeconds(1);
    assertThat(clock.now()).isEqualTo(START + 60_000);
  }
}
