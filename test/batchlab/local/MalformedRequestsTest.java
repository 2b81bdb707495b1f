package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * Requests the HTTP server refuses before the emulator's handler runs, sent byte for byte over a raw
 * socket: each gets an AWS-shaped error with a message (the JDK server answered an HTML page or
 * closed the connection), and the emulator keeps serving.
 */
class MalformedRequestsTest {

  private static BatchEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = BatchEmulator.builder().templateJson(Fixtures.articleTemplate()).stackName("BatchLabStack")
        .speed(Speed.MANUAL).build().start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  /** One HTTP/1.1 response: status, headers (lower-case names) and body. */
  private record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static Answer send(String request) throws IOException {
    return send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Answer send(byte[] request) throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Reads one response: the head up to the blank line, then Content-Length bytes of body. */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + head.size() + " bytes: " + head);
      }
      head.write(b);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
  }

  /** The query protocol's CloudFormation error: the shape the emulator gives any path it cannot route. */
  private static void assertQueryError(Answer answer, int status, String message) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).isEqualTo("text/xml");
    assertThat(answer.header("x-amzn-RequestId")).isNotBlank();
    assertThat(answer.body()).startsWith("<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">")
        .contains("<Code>InvalidQueryParameter</Code>").contains("<Message>" + message + "</Message>");
  }

  /** Batch REST-JSON: the code in x-amzn-ErrorType, the message in the body. */
  private static void assertBatchError(Answer answer, int status, String code, String message) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).isEqualTo("application/json");
    assertThat(answer.header("x-amzn-ErrorType")).isEqualTo(code);
    assertThat(answer.body()).isEqualTo("{\"message\":\"" + message + "\"}");
  }

  private static void assertStillServing() {
    try (BatchClient batch = Fixtures.batch(emulator)) {
      assertThat(batch.describeJobQueues(r -> { }).jobQueues()).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST /v1/describejobs%zz", "GET /%zz", "POST /v1/describejobs%4"})
  void aBadPercentEscapeInTheUrlIsA400InTheShapeOfAnUnknownPath(String requestLine) throws IOException {
    Answer answer = send(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
    assertQueryError(answer, 400,
        "Malformed HTTP request: the URL has a bad percent-escape (% must be followed by two hex digits)");
    assertStillServing();
  }

  @Test
  void aRefusedRequestWritesOneLineOnStderr() throws IOException {
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Answer answer;
    try {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      answer = send("POST /v1/describejobs%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
    } finally {
      System.setErr(stderr);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("batch-lab emulator: refused a request whose request "
        + "line cannot be read (request " + answer.header("x-amzn-RequestId") + "): 400 Malformed HTTP request: the "
        + "URL has a bad percent-escape (% must be followed by two hex digits)" + System.lineSeparator());
  }

  @Test
  void aPathThatIsNotUtf8IsA400ClientExceptionInTheBatchShape() throws IOException {
    assertBatchError(send("POST /v1/describejobs%ff HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}"),
        400, "ClientException", "Malformed HTTP request: Bad UTF-8 encoding");
  }

  @Test
  void aMalformedRequestLineIsA400() throws IOException {
    assertQueryError(send("GARBAGE\r\nHost: 127.0.0.1\r\n\r\n"), 400, "Malformed HTTP request: No URI");
    assertStillServing();
  }

  @Test
  void anUnknownHttpVersionIsA505() throws IOException {
    assertQueryError(send("GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"), 505, "Malformed HTTP request: Unknown Version");
  }

  @Test
  void anUnknownMethodReachesTheEmulatorAndIsAnUnknownOperation() throws IOException {
    assertBatchError(send("BREW /v1/describejobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}"),
        404, "UnknownOperationException", "Unknown operation BREW /v1/describejobs");
  }

  @Test
  void headersOverTheLimitAreA431ClientException() throws IOException {
    Answer answer = send("POST /v1/describejobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
        + "a".repeat(HttpFrontEnd.MAX_HEADER_BYTES) + "\r\nContent-Length: 2\r\n\r\n{}");
    assertBatchError(answer, 431, "ClientException",
        "Malformed HTTP request: the request headers are larger than the 16 KiB limit");
    assertStillServing();
  }

  @Test
  void aBodyOverTheLimitIsA400ClientException() throws IOException {
    int size = HttpFrontEnd.MAX_BODY_BYTES + 1;
    assertBatchError(send("POST /v1/describejobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + size + "\r\n\r\n"
        + "{".repeat(size)), 400, "ClientException", "Request payload is larger than the 1024 KiB limit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Content-Length: abc", "Content-Length: -5"})
  void aContentLengthThatIsNotANumberIsA400ClientException(String header) throws IOException {
    assertBatchError(send("POST /v1/describejobs HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + "\r\n\r\n{}"),
        400, "ClientException", "Malformed HTTP request: Invalid Content-Length Value");
  }

  @Test
  void twoContentLengthsAreA400ClientException() throws IOException {
    assertBatchError(send("POST /v1/describejobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n"
        + "Content-Length: 3\r\n\r\n{}"), 400, "ClientException", "Malformed HTTP request: Multiple Content-Lengths");
  }

  @Test
  void badChunkedEncodingIsA400ClientException() throws IOException {
    Answer answer = send("POST /v1/describejobs HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "zz\r\n{}\r\n0\r\n\r\n");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("x-amzn-ErrorType")).isEqualTo("ClientException");
    assertThat(answer.body()).startsWith("{\"message\":\"Malformed HTTP request: the body cannot be read (")
        .endsWith("): a chunked body is hex chunk sizes, each followed by CRLF, its data and CRLF, then 0 CRLF CRLF\"}");
    assertStillServing();
  }

  @Test
  void aHeaderLineWithoutAColonIsA400ClientException() throws IOException {
    assertBatchError(send("POST /v1/describejobqueues HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n"
        + "Content-Length: 2\r\n\r\n{}"), 400, "ClientException", "Malformed HTTP request: Illegal character SPACE=' '");
  }

  @Test
  void anHttp11RequestWithoutHostIsA400ClientException() throws IOException {
    assertBatchError(send("POST /v1/describejobqueues HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"),
        400, "ClientException", "Malformed HTTP request: No Host");
  }

  @Test
  void anHttp10RequestIsServedAndTheConnectionClosed() throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("POST /v1/describejobqueues HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}"
          .getBytes(StandardCharsets.US_ASCII));
      Answer answer = read(socket.getInputStream());
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).startsWith("{\"jobQueues\":[{\"jobQueueName\":\"JobQueue");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  /** The AWS CLI sends Expect: 100-continue and waits for the 100 before it sends the body. */
  @Test
  void expect100ContinueIsAnsweredContinueThenTheResponse() throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/describejobqueues HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
          + "Content-Length: 2\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Answer interim = read(socket.getInputStream());
      assertThat(interim.status()).isEqualTo(100);
      out.write("{}".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Answer answer = read(socket.getInputStream());
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).startsWith("{\"jobQueues\":[");
    }
  }

  @Test
  void aConnectionIsKeptAliveAcrossRequests() throws IOException {
    try (Socket socket = connect()) {
      for (int i = 0; i < 3; i++) {
        socket.getOutputStream().write("POST /v1/describejobqueues HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}"
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(read(socket.getInputStream()).status()).isEqualTo(200);
      }
    }
  }
}
