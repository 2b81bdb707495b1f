package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.submit.AwsProxy;
import batchlab.submit.LocalBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's own hints name the run's non-default --runs-dir, so they can be copied as printed. */
class WatchHintsTest {

  @TempDir Path runs;
  @TempDir Path harnessRuns;
  LocalBatch local;

  @BeforeEach
  void start() {
    local = LocalBatch.startRunningByItself(harnessRuns);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  /** Submits 3 jobs through a proxy that denies every SubmitJob after the first {@code allowed}; returns the run id. */
  private String submitOnly(int allowed) throws Exception {
    AtomicInteger submits = new AtomicInteger();
    try (AwsProxy proxy = new AwsProxy(local.emulator.endpoint(), (call, forwarded) ->
        AwsProxy.isSubmitJob(call) && submits.incrementAndGet() > allowed
            ? AwsProxy.Answer.batchError(403, "AccessDeniedException", "not authorized to perform: batch:SubmitJob")
            : null)) {
      Cli submit = Cli.run("submit", "--endpoint-url", proxy.endpoint().toString(), "--region", "us-east-1",
          "--runs-dir", runs.toString(), "--jobs", "3", "--seconds", "5");
      assertThat(submit.exitCode()).isEqualTo(1);
    }
    try (var entries = Files.list(runs)) {
      return entries.findFirst().orElseThrow().getFileName().toString();
    }
  }

  private Cli watch(String runId) {
    return Cli.run("watch", runId, "--endpoint-url", local.endpoint(), "--region", "us-east-1",
        "--runs-dir", runs.toString(), "--interval", "100ms");
  }

  @Test
  void anIncompleteRunsResumeHintNamesItsRunsDir() throws Exception {
    String runId = submitOnly(1);

    Cli cli = watch(runId);

    assertThat(cli.err()).contains("run " + runId + " is incomplete (1 of 3 submitted): watching those; submit the "
        + "rest with ./batch-lab submit --resume " + runId + " --runs-dir " + runs + "\n");
  }

  @Test
  void aRunWithNoJobsSaysHowToSubmitThemInItsRunsDir() throws Exception {
    String runId = submitOnly(0);

    Cli cli = watch(runId);

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("batch-lab: run " + runId + " has no submitted jobs to watch: submit them with: "
        + "./batch-lab submit --resume " + runId + " --runs-dir " + runs + "\n");
  }
}
