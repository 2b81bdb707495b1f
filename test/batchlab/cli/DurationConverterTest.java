package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

  @Test
  void readsTheUsualSpellings() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationConverter.parse("0.5")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse(" 10 ")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void rejectsAnythingElseNamingTheValue() {
    assertThatThrownBy(() -> DurationConverter.parse("5 minutes"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessage("'5 minutes' is not a duration: use e.g. 500ms, 5s, 2m, 1h or 1m30s");
  }
}
