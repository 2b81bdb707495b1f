package batchlab.submit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test-only HTTP proxy in front of the emulator that produces what the emulator cannot: a SubmitJob
 * that creates the job but whose answer is lost (500 or a dropped connection), and access denied.
 * Each request goes through a {@link Rule} that may answer it itself, before or after forwarding.
 */
public final class AwsProxy implements AutoCloseable {

  /** What to do with one request. */
  public interface Rule {
    /**
     * @param call what the request is: the Batch path (/v1/submitjob), ECS target or CloudFormation body
     * @return null to pass the emulator's answer through, or the answer to give instead
     */
    Answer apply(String call, Forwarded forwarded) throws IOException;
  }

  /** Forwards the request to the emulator (at most once) and returns its answer. */
  public interface Forwarded {
    Answer forward() throws IOException;
  }

  /** An HTTP answer; {@code dropConnection} closes the connection without one. */
  public record Answer(int status, String contentType, String errorType, String body, boolean dropConnection) {
    public static Answer batchError(int status, String errorType, String message) {
      return new Answer(status, "application/json", errorType, "{\"message\":\"" + message + "\"}", false);
    }

    public static Answer cloudFormationError(int status, String code, String message) {
      return new Answer(status, "text/xml", null, "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/"
          + "2010-05-15/\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
          + "</Message></Error><RequestId>proxy</RequestId></ErrorResponse>", false);
    }

    public static Answer dropped() {
      return new Answer(0, null, null, null, true);
    }
  }

  private final URI upstream;
  private final Rule rule;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
    Thread t = new Thread(r, "aws-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public AwsProxy(URI upstream, Rule rule) {
    this.upstream = upstream;
    this.rule = rule;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void serve(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String path = exchange.getRequestURI().getRawPath();
    String call = path.startsWith("/v1/") ? path : target != null ? target : new String(body, StandardCharsets.UTF_8);
    Answer[] forwarded = new Answer[1];
    Forwarded forward = () -> {
      if (forwarded[0] == null) {
        forwarded[0] = send(exchange, path, target, body);
      }
      return forwarded[0];
    };
    Answer answer = rule.apply(call, forward);
    if (answer == null) {
      answer = forward.forward();
    }
    if (answer.dropConnection()) {
      exchange.close();
      return;
    }
    byte[] out = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    if (answer.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    }
    if (answer.errorType() != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", answer.errorType());
    }
    exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  private Answer send(HttpExchange exchange, String path, String target, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("x-amzn-ErrorType").orElse(null), response.body(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted forwarding " + path, e);
    }
  }

  public static boolean isSubmitJob(String call) {
    return call.equals("/v1/submitjob");
  }

  public static boolean isDescribeStacks(String call) {
    return List.of(call.split("&")).contains("Action=DescribeStacks");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
