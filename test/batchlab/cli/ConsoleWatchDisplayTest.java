package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.JobState;
import batchlab.run.Sample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleWatchDisplayTest {

  private static Sample sample(int runnable, int running) {
    return new Sample(Instant.EPOCH, Map.of(JobState.RUNNABLE, runnable, JobState.RUNNING, running), running, 4);
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlaceAndEndedBeforeOtherOutput() {
    StringWriter out = new StringWriter();
    ConsoleWatchDisplay display = new ConsoleWatchDisplay(new PrintWriter(out), new PrintWriter(new StringWriter()),
        true);
    display.polled(sample(10, 0), Duration.ofSeconds(1), 10);
    display.polled(sample(8, 2), Duration.ofSeconds(2), 10);
    display.endLine();
    assertThat(out.toString()).startsWith("\r      1s  SUBMITTED 0").contains("\u001b[K\r      2s  SUBMITTED 0")
        .endsWith("\u001b[K" + System.lineSeparator());
  }

  @Test
  void withoutATerminalOnlyChangesArePrintedOneLineEach() {
    StringWriter out = new StringWriter();
    ConsoleWatchDisplay display = new ConsoleWatchDisplay(new PrintWriter(out), new PrintWriter(new StringWriter()),
        false);
    display.polled(sample(10, 0), Duration.ofSeconds(1), 10);
    display.polled(sample(10, 0), Duration.ofSeconds(2), 10);
    display.polled(sample(8, 2), Duration.ofSeconds(3), 10);
    assertThat(out.toString().lines()).hasSize(2).allMatch(line -> !line.contains("\r"));
    assertThat(out.toString().lines().skip(1)).singleElement().asString().contains("RUNNABLE 8", "RUNNING 2");
  }
}
