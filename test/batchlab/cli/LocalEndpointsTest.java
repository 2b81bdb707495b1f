package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.aws.SubmitException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint records of running {@code ./batch-lab local} emulators: found while they serve, stale ones removed. */
class LocalEndpointsTest {

  @TempDir Path state;

  private static final long THIS_PID = ProcessHandle.current().pid();

  private static LocalEndpoints.Entry entry(int port, long pid, int second) {
    return new LocalEndpoints.Entry(URI.create("http://127.0.0.1:" + port), "us-east-1", "BatchLab", pid,
        Instant.parse("2026-12-01T10:00:00Z").plusSeconds(second));
  }

  @Test
  void aServingEmulatorIsFoundWithItsEndpointAndRegion() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      LocalEndpoints endpoints = new LocalEndpoints(state);
      endpoints.record(entry(server.getLocalPort(), THIS_PID, 0));

      assertThat(endpoints.requireOne()).isEqualTo(entry(server.getLocalPort(), THIS_PID, 0));
    }
  }

  @Test
  void aRecordWhoseProcessIsGoneIsStaleAndRemoved() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    try (ServerSocket server = new ServerSocket(0)) {
      LocalEndpoints endpoints = new LocalEndpoints(state);
      Path file = endpoints.record(entry(server.getLocalPort(), finished.pid(), 0));

      assertThat(endpoints.running()).isEmpty();
      assertThat(file).doesNotExist();
    }
  }

  @Test
  void aRecordWhosePortNoLongerAnswersIsStale() throws Exception {
    int closedPort;
    try (ServerSocket server = new ServerSocket(0)) {
      closedPort = server.getLocalPort();
    }
    LocalEndpoints endpoints = new LocalEndpoints(state);
    endpoints.record(entry(closedPort, THIS_PID, 0));

    assertThatThrownBy(endpoints::requireOne).isInstanceOf(SubmitException.class)
        .hasMessage("no ./batch-lab local is running (none recorded in " + state
            + "): start it in another terminal with: ./batch-lab local");
  }

  @Test
  void twoServingEmulatorsAreNamedInsteadOfGuessed() throws Exception {
    try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
      LocalEndpoints endpoints = new LocalEndpoints(state);
      endpoints.record(entry(second.getLocalPort(), THIS_PID, 5));
      // A second record of this process under another pid's name: what two emulators leave.
      Files.move(state.resolve("local-" + THIS_PID + ".json"), state.resolve("local-1.json"));
      endpoints.record(entry(first.getLocalPort(), THIS_PID, 0));

      assertThatThrownBy(endpoints::requireOne)
          .hasMessage("2 ./batch-lab local emulators are running (http://127.0.0.1:" + first.getLocalPort() + " pid "
              + THIS_PID + ", http://127.0.0.1:" + second.getLocalPort() + " pid " + THIS_PID
              + "): choose one with --endpoint-url");
    }
  }

  @Test
  void theStateDirectoryComesFromTheEnvironmentLikeOtherToolsState() {
    assertThat(LocalEndpoints.of(Map.of("BATCH_LAB_STATE_DIR", "/srv/lab")).directory()).isEqualTo(Path.of("/srv/lab"));
    assertThat(LocalEndpoints.of(Map.of("XDG_STATE_HOME", "/home/u/.state")).directory())
        .isEqualTo(Path.of("/home/u/.state/batch-lab"));
    assertThat(LocalEndpoints.of(Map.of("HOME", "/home/u")).directory())
        .isEqualTo(Path.of("/home/u/.local/state/batch-lab"));
    assertThat(LocalEndpoints.of(Map.of()).directory())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "state", "batch-lab"));
  }
}
