package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.local.Timings;
import batchlab.util.BadInputException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timings file: each delay it gives replaces the default; anything else is refused in one line. */
class TimingsFileTest {

  @Test
  void givenDelaysReplaceTheDefaultsAndTheNotesAreIgnored() {
    Timings timings = TimingsFile.parse("{\"instanceBootSeconds\": 150, \"jobStartSeconds\": 12.5, "
        + "\"calibratedFrom\": [\"r1\"], \"figures\": []}", "t.json");
    assertThat(timings).isEqualTo(Timings.DEFAULT.withInstanceBoot(Duration.ofSeconds(150))
        .withJobStart(Duration.ofMillis(12_500)));
  }

  @Test
  void anUnknownKeyIsRefusedWithTheAllowedOnes() {
    assertThatThrownBy(() -> TimingsFile.parse("{\"bootSeconds\": 150}", "--timings t.json"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--timings t.json: unknown key 'bootSeconds'; allowed: dispatchSeconds, instanceBootSeconds, "
            + "jobStartSeconds, scaleDownSeconds");
  }

  @Test
  void aValueMustBeSecondsFromZeroToSevenDays() {
    assertThatThrownBy(() -> TimingsFile.parse("{\"dispatchSeconds\": -1}", "--timings t.json"))
        .hasMessage("--timings t.json: dispatchSeconds -1 is not allowed; give seconds from 0 to 604800 (7 days)");
    assertThatThrownBy(() -> TimingsFile.parse("{\"dispatchSeconds\": \"2\"}", "--timings t.json"))
        .hasMessage("--timings t.json: dispatchSeconds \"2\" is not allowed; give seconds from 0 to 604800 (7 days)");
  }

  @Test
  void notJsonOrNotAnObjectIsRefused() {
    assertThatThrownBy(() -> TimingsFile.parse("[1]", "--timings t.json"))
        .hasMessage("--timings t.json must hold a JSON object such as {\"instanceBootSeconds\": 120}");
    assertThatThrownBy(() -> TimingsFile.parse("{", "--timings t.json"))
        .hasMessageStartingWith("--timings t.json is not JSON: ");
    assertThatThrownBy(() -> TimingsFile.read(Path.of("no-such-timings.json")))
        .hasMessage("--timings no-such-timings.json does not exist");
  }
}
