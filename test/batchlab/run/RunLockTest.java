package batchlab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.aws.SubmitException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9.3: one writer per run; the second fails at once, naming the process that holds the run. */
class RunLockTest {

  @TempDir Path runs;

  @Test
  void aSecondWriterInTheSameProcessFailsAtOnceNamingTheHolder() {
    RunStore store = new RunStore(runs);
    try (RunLock held = store.lock("r1", "submit --resume")) {
      assertThatThrownBy(() -> store.lock("r1", "watch"))
          .isInstanceOf(SubmitException.class)
          .hasMessageMatching("run r1 is in use by process " + ProcessHandle.current().pid() + " \\(\\S+: submit --resume\\) "
              + "since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: one process writes a run at a time; wait for it to end "
              + "\\(or stop it\\), then try again");
      // Another run is another lock.
      try (RunLock other = store.lock("r2", "submit")) {
        assertThat(Files.exists(runs.resolve("r2").resolve(RunLock.FILE))).isTrue();
      }
    }
    try (RunLock again = store.lock("r1", "watch")) {
      assertThat(again).isNotNull(); // released by close
    }
  }

  @Test
  void aSecondProcessCannotLockARunAnotherProcessHolds() throws Exception {
    RunStore store = new RunStore(runs);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldRunLock.class.getName(),
        runs.toString(), "r1").redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");

      assertThatThrownBy(() -> store.lock("r1", "submit --resume"))
          .isInstanceOf(SubmitException.class)
          .hasMessageStartingWith("run r1 is in use by process " + holder.pid() + " (java: test holder) since ");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // The holder has ended, and the OS dropped its lock with it.
    try (RunLock mine = store.lock("r1", "submit --resume")) {
      assertThat(Files.readString(runs.resolve("r1").resolve(RunLock.FILE)))
          .startsWith("process " + ProcessHandle.current().pid() + " (");
    }
    assertThat(Files.readString(runs.resolve("r1").resolve(RunLock.FILE))).isEmpty();
  }

  @Test
  void temporaryFilesAKilledWriterLeftAreRemovedWhenTheRunIsNextLocked() throws Exception {
    RunStore store = new RunStore(runs);
    store.save(RunStoreTest.record("r1", List.of()));
    Path dir = runs.resolve("r1");
    Files.writeString(dir.resolve("jobs.json.8427361.tmp"), "{ half a rec");
    Files.writeString(dir.resolve("summary.json.51.tmp"), "");
    Files.writeString(dir.resolve("notes.tmp"), "the user's own file");
    try (RunLock lock = store.lock("r1", "submit --resume")) {
      try (var files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("jobs.json", "notes.tmp",
            RunLock.FILE);
      }
    }
  }

  @Test
  void theCliOptionNamesANonDefaultRunsFolderQuotedForTheShell() {
    assertThat(new RunStore(Path.of(RunStore.DEFAULT_ROOT)).cliOption()).isEmpty();
    assertThat(new RunStore(Path.of("/tmp/my-runs")).cliOption()).isEqualTo(" --runs-dir /tmp/my-runs");
    assertThat(new RunStore(Path.of("/tmp/my runs")).cliOption()).isEqualTo(" --runs-dir '/tmp/my runs'");
  }
}
