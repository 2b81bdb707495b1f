package batchlab.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void secondsAreWholeOrOneDecimalAndUnknownIsADash() {
    assertThat(Durations.seconds(Duration.ofSeconds(300))).isEqualTo("300 s");
    assertThat(Durations.seconds(Duration.ofMillis(97_540))).isEqualTo("97.5 s");
    assertThat(Durations.seconds(null)).isEqualTo("-");
  }

  @Test
  void wordsLeaveOutZeroPartsAndNeverShowIso8601() {
    assertThat(Durations.words(Duration.ZERO)).isEqualTo("0 s");
    assertThat(Durations.words(Duration.ofMillis(500))).isEqualTo("0.5 s");
    assertThat(Durations.words(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(Durations.words(Duration.ofMinutes(55).plusSeconds(42))).isEqualTo("55 min 42 s");
    assertThat(Durations.words(Duration.ofMinutes(20))).isEqualTo("20 min");
    assertThat(Durations.words(Duration.ofHours(1).plusMinutes(5))).isEqualTo("1 h 5 min");
  }

  @Test
  void theStatusClockIsCompact() {
    assertThat(Durations.clock(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(Durations.clock(Duration.ofSeconds(75))).isEqualTo("1m15s");
    assertThat(Durations.clock(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
  }
}
