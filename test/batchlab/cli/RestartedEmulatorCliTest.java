package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.run.SubmittedJob;
import batchlab.submit.LocalBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9.1, as it was found: a watch of an old run against a restarted emulator that reuses its ids. */
class RestartedEmulatorCliTest {

  @TempDir Path runs;
  @TempDir Path otherRuns;
  @TempDir Path harness;

  @Test
  void watchingAnOldRunAgainstARestartedEmulatorLeavesItsResultsAlone() throws Exception {
    String runId;
    try (LocalBatch before = LocalBatch.startRunningByItselfReproducible(harness)) {
      Cli first = Cli.run("submit", "--jobs", "3", "--watch", "--interval", "100ms", "--timeout", "2m",
          "--endpoint-url", before.endpoint(), "--region", "us-east-1", "--runs-dir", runs.toString());
      assertThat(first.exitCode()).as(first.err()).isZero();
      runId = new RunStore(runs).latest().orElseThrow();
    }
    Path summary = runs.resolve(runId).resolve(RunStore.SUMMARY_FILE);
    Path timeline = runs.resolve(runId).resolve(RunStore.TIMELINE_FILE);
    String summaryBefore = Files.readString(summary);
    String timelineBefore = Files.readString(timeline);

    try (LocalBatch restarted = LocalBatch.startRunningByItselfReproducible(harness)) { // ids from the seed alone: the same ids again
      Cli other = Cli.run("submit", "--jobs", "3", "--endpoint-url", restarted.endpoint(), "--region", "us-east-1",
          "--runs-dir", otherRuns.toString());
      assertThat(other.exitCode()).as(other.err()).isZero();
      RunRecord old = new RunStore(runs).load(runId);
      RunRecord reused = new RunStore(otherRuns).load(new RunStore(otherRuns).latest().orElseThrow());
      assertThat(reused.jobs()).extracting(SubmittedJob::id)
          .containsExactlyInAnyOrderElementsOf(old.jobs().stream().map(SubmittedJob::id).toList());

      Cli watch = Cli.run("watch", runId, "--interval", "50ms", "--endpoint-url", restarted.endpoint(),
          "--runs-dir", runs.toString());

      assertThat(watch.exitCode()).isEqualTo(1);
      assertThat(watch.err().lines().filter(l -> l.endsWith("is not known to the server: left out of the watch")))
          .hasSize(3);
      assertThat(watch.err()).contains("batch-lab: none of the jobs of run " + runId + " are known at "
          + restarted.endpoint());
      assertThat(watch.out()).doesNotContain("COMPLETED");
    }
    assertThat(Files.readString(summary)).isEqualTo(summaryBefore);
    assertThat(Files.readString(timeline)).isEqualTo(timelineBefore);
  }
}
