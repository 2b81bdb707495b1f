package batchlab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.util.BadInputException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void fiftyPerSecondSpacesBackToBackCallsTwentyMillisecondsApart() {
    RateLimiter limiter = new RateLimiter(50, 1, nanos::get);
    assertThat(limiter.reserve()).isZero();
    for (int k = 1; k < 10; k++) {
      assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(20L * k));
    }
  }

  @Test
  void idleTimeRefillsUpToTheBurstOnly() {
    RateLimiter limiter = new RateLimiter(10, 3, nanos::get);
    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void callsSpreadOverTimeDoNotWait() {
    RateLimiter limiter = new RateLimiter(50, 1, nanos::get);
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.reserve()).isZero();
      nanos.addAndGet(Duration.ofMillis(20).toNanos());
    }
  }

  @Test
  void unlimitedNeverWaitsButHonoursAStop() {
    StopSignal stop = new StopSignal();
    assertThat(RateLimiter.unlimited().acquire(stop)).isTrue();
    stop.requestStop();
    assertThat(RateLimiter.unlimited().acquire(stop)).isFalse();
  }

  @Test
  void rejectsANonPositiveRate() {
    assertThatThrownBy(() -> new RateLimiter(0, 1)).isInstanceOf(BadInputException.class)
        .hasMessage("--rate must be a positive number of calls per second, got 0.0");
  }
}
