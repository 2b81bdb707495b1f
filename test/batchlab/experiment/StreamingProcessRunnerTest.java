package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingProcessRunnerTest {

  @TempDir Path tmp;

  @Test
  void streamsStdoutAndStderrLinesAndReturnsTheExitCode() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    StreamingProcessRunner runner = new StreamingProcessRunner(tmp, lines::add);

    int exit = runner.run(List.of("sh", "-c", "echo one; echo two >&2; pwd; exit 3"));

    assertThat(exit).isEqualTo(3);
    assertThat(lines).containsExactly("one", "two", tmp.toRealPath().toString());
  }

  @Test
  void interruptingTheCallerStopsTheCommand() throws Exception {
    StreamingProcessRunner runner = new StreamingProcessRunner(tmp, line -> { });
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        runner.run(List.of("sleep", "30"));
      } catch (Exception e) {
        failure.set(e);
      }
    });
    caller.start();
    Thread.sleep(300);
    caller.interrupt();
    caller.join(5_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void aMissingProgramFailsWithAnIoException() {
    StreamingProcessRunner runner = new StreamingProcessRunner(tmp, line -> { });

    assertThatThrownBy(() -> runner.run(List.of("no-such-program-batch-lab")))
        .isInstanceOf(java.io.IOException.class);
  }
}
