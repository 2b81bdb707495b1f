package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./batch-lab local} as a user runs it, in-process: it says what it does while it starts, records
 * its endpoint so that {@code submit --local} and {@code watch --local} reach it, and removes the record
 * when it stops.
 */
class LocalServeTest {

  @TempDir Path state;
  @TempDir Path runs;

  @BeforeEach
  void useTemporaryStateDirectory() {
    System.setProperty(LocalEndpoints.STATE_DIR_PROPERTY, state.toString());
  }

  @AfterEach
  void restoreStateDirectory() {
    System.clearProperty(LocalEndpoints.STATE_DIR_PROPERTY);
  }

  /** A running {@code local} command, stopped as Ctrl-C would stop it. */
  record Serving(LocalCommand command, CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {

    static Serving start(String... options) {
      CommandLine cli = BatchLab.newCommandLine();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      LocalCommand command = cli.getSubcommands().get("local").getCommand();
      String[] args = new String[options.length + 1];
      args[0] = "local";
      System.arraycopy(options, 0, args, 1, options.length);
      return new Serving(command, CompletableFuture.supplyAsync(() -> cli.execute(args)), out, err);
    }

    /** Waits (readiness, not a timed assertion) until the banner is out: the endpoint is recorded by then. */
    void awaitServing() throws InterruptedException {
      Instant limit = Instant.now().plus(Duration.ofMinutes(2));
      while (!out.toString().contains("From another terminal") && !exit.isDone() && Instant.now().isBefore(limit)) {
        Thread.sleep(50);
      }
      assertThat(out.toString()).as("local's output; stderr: %s", err).contains("From another terminal");
    }

    int stop() {
      command.stop.countDown();
      return exit.join();
    }
  }

  @Test
  void submitAndWatchReachTheRunningEmulatorWithLocalAndTheRecordGoesWhenItStops() throws Exception {
    Serving local = Serving.start("--speed", "max");
    try {
      local.awaitServing();
      assertThat(local.err().toString().lines()).containsExactly(
          "batch-lab local: synthesizing the stack in a child JVM (the CDK's jsii runtime starts first: a few seconds)...",
          "batch-lab local: starting the emulator on 127.0.0.1...");
      Path record = state.resolve("local-" + ProcessHandle.current().pid() + ".json");
      assertThat(local.out().toString()).contains("From another terminal: ./batch-lab submit --local --watch (the "
          + "endpoint is recorded in " + record + " until this stops)");

      Cli submit = Cli.run("submit", "--local", "--jobs", "2", "--watch", "--interval", "100ms", "--timeout", "1m",
          "--runs-dir", runs.toString());
      assertThat(submit.exitCode()).as(submit.err()).isZero();
      assertThat(submit.out()).contains("submitted 2 jobs", "jobs by status: SUCCEEDED 2");

      Cli watch = Cli.run("watch", "--local", "--latest", "--interval", "100ms", "--runs-dir", runs.toString());
      assertThat(watch.exitCode()).as(watch.err()).isZero();
      assertThat(watch.out()).contains("jobs by status: SUCCEEDED 2");

      assertThat(local.stop()).isZero();
      assertThat(record).doesNotExist();
    } finally {
      local.command().stop.countDown();
    }
  }

  @Test
  void localWithNoEmulatorRunningSaysHowToStartOne() throws Exception {
    Cli submit = Cli.run("submit", "--local", "--runs-dir", runs.toString());

    assertThat(submit.exitCode()).isEqualTo(1);
    assertThat(submit.err()).isEqualTo("batch-lab: no ./batch-lab local is running (none recorded in " + state
        + "): start it in another terminal with: ./batch-lab local\n");
    try (var entries = Files.list(runs)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void localAndEndpointUrlTogetherAreRefused() {
    Cli submit = Cli.run("submit", "--local", "--endpoint-url", "http://127.0.0.1:4566", "--runs-dir", runs.toString());

    assertThat(submit.exitCode()).isEqualTo(2);
    assertThat(submit.err()).isEqualTo("batch-lab: --local and --endpoint-url http://127.0.0.1:4566 both say where "
        + "to connect; give one of them\n");
  }
}
