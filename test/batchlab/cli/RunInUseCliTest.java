package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.RunLock;
import batchlab.run.RunStore;
import batchlab.submit.LocalBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run another writer holds: one line naming the holder, exit 1 (a failure at run time), nothing written. */
class RunInUseCliTest {

  @TempDir Path runs;
  @TempDir Path harness;

  @Test
  void resumingARunAnotherWriterHoldsFailsAtOnceWithOneLine() {
    try (LocalBatch local = LocalBatch.start(harness)) {
      Cli submitted = Cli.run("submit", "--jobs", "2", "--endpoint-url", local.endpoint(), "--region", "us-east-1",
          "--runs-dir", runs.toString());
      assertThat(submitted.exitCode()).as(submitted.err()).isZero();
      RunStore store = new RunStore(runs);
      String runId = store.latest().orElseThrow();
      assertThat(submitted.out()).contains("watch with: ./batch-lab watch " + runId + " --runs-dir " + runs + "\n");

      try (RunLock held = store.lock(runId, "submit --resume")) {
        Cli second = Cli.run("submit", "--resume", runId, "--runs-dir", runs.toString());
        assertThat(second.exitCode()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(second.err()).startsWith("batch-lab: run " + runId + " is in use by process "
            + ProcessHandle.current().pid() + " (").hasLineCount(1);
        assertThat(second.out()).isEmpty();
      }
    }
  }
}
