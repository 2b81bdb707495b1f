package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;

/** Clients that stall mid-request are timed out, so they cannot starve the others. */
class StalledClientsTest {

  private static BatchEmulator emulator() {
    return BatchEmulator.builder().templateJson(Fixtures.articleTemplate()).stackName("BatchLabStack")
        .speed(Speed.MANUAL).requestTimeout(Duration.ofMillis(300)).build().start();
  }

  /** Headers of a SubmitJob that promises 100 body bytes, and 1 of them. */
  private static Socket stallInBody(BatchEmulator emulator) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port());
    socket.setSoTimeout(10_000);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /v1/submitjob HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static Socket stallInHeaders(BatchEmulator emulator) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port());
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write("POST /v1/describejobs HTTP/1.1\r\nHost: 12".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  @Test
  void aClientStalledInItsBodyIsAnswered408RequestTimeoutAndDisconnected() throws Exception {
    try (BatchEmulator emulator = emulator(); Socket socket = stallInBody(emulator)) {
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8); // until the server closes
      assertThat(answer).startsWith("HTTP/1.1 408 ").containsIgnoringCase("x-amzn-ErrorType: RequestTimeout")
          .endsWith("{\"message\":\"Your socket connection to the server was not read from or written to within the "
              + "timeout period. Idle connections will be closed.\"}");
    }
  }

  /** Never idle for long, so no idle timeout fires: only the deadline from the first byte stops it. */
  @Test
  void aClientTricklingItsBodyIsAnswered408AtTheDeadlineBeforeItHasSentIt() throws Exception {
    try (BatchEmulator emulator = emulator(); Socket socket = stallInBody(emulator)) {
      InputStream in = socket.getInputStream();
      int sent = 1;
      try {
        for (; sent < 100 && in.available() == 0; sent++) {
          Thread.sleep(50); // 99 bytes take ~5 s; the deadline is 300 ms
          socket.getOutputStream().write(' ');
          socket.getOutputStream().flush();
        }
      } catch (IOException closed) {
        // The server answered and closed while the client was still sending.
      }
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(sent).isLessThan(100);
      assertThat(answer).startsWith("HTTP/1.1 408 ").containsIgnoringCase("x-amzn-ErrorType: RequestTimeout");
    }
  }

  @Test
  void aClientStalledInItsHeadersIsDisconnected() throws Exception {
    try (BatchEmulator emulator = emulator(); Socket socket = stallInHeaders(emulator)) {
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void moreStalledClientsThanWorkersDoNotStopANormalRequest() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try (BatchEmulator emulator = emulator();
         BatchClient batch = BatchClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
             .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(20)).retryStrategy(r -> r.maxAttempts(1)))
             .build()) {
      for (int i = 0; i < ArrivalDeadline.WORKERS + 8; i++) {
        stalled.add(i % 2 == 0 ? stallInBody(emulator) : stallInHeaders(emulator));
      }
      assertThat(batch.describeJobQueues(r -> { }).jobQueues()).hasSize(1);
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }
}
