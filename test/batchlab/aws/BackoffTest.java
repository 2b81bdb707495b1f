package batchlab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void fullJitterStaysWithinTheDoublingCeilingAndTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), 10);
    IntStream.range(0, 200).forEach(i -> {
      assertThat(backoff.delay(0).toMillis()).isBetween(0L, 50L);
      assertThat(backoff.delay(2).toMillis()).isBetween(0L, 200L);
      assertThat(backoff.delay(9).toMillis()).isBetween(0L, 1000L);
    });
  }

  @Test
  void jitterSpreadsTheWaits() {
    Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(10), 10);
    long distinct = IntStream.range(0, 50).mapToObj(i -> backoff.delay(3)).distinct().count();
    assertThat(distinct).isGreaterThan(10);
  }
}
