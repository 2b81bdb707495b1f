package batchlab.local;

import batchlab.batch.BatchLimits;
import batchlab.batch.TwinClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The one HTTP endpoint on 127.0.0.1 that serves all three AWS protocols (see {@link Protocol}), on
 * Jetty's core Handler API. SigV4 headers are accepted and not checked. Every failure is answered in
 * the protocol's error shape and the server keeps serving: an API error as the operation throws it,
 * a bug as a 500 ServerException, a request too slow to arrive as a 408 ({@link ArrivalDeadline}),
 * and a request Jetty refuses before this handler runs by {@link RefusedRequests}.
 */
final class HttpFrontEnd implements AutoCloseable {

  /** API Reference, SubmitJob: the request payload is limited to 30 KiB. */
  private static final int MAX_SUBMIT_BYTES = BatchLimits.SUBMIT_JOB_PAYLOAD_BYTES;
  /** Anything larger is not a plausible API call. */
  static final int MAX_BODY_BYTES = 1024 * 1024;
  /** Request line and headers: SigV4 with a session token needs about 3 KiB; Jetty's default is 8 KiB. */
  static final int MAX_HEADER_BYTES = 16 * 1024;
  /** Connections waiting to be accepted, as many as the JDK server's backlog was. */
  private static final int ACCEPT_QUEUE = 256;

  /** Trailing data after the JSON value ({"jobName":"a"} xyz) is malformed JSON, not ignored. */
  private static final ObjectReader STRICT_READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Simulation simulation;
  private final BatchApi batch;
  private final EcsApi ecs;
  private final CloudFormationApi cloudFormation;
  private final Ec2Api ec2;
  private final FaultInjector faults;
  private final Server server;
  private final ServerConnector connector;
  private final ArrivalDeadline deadline;

  /** Binds the port (0 picks a free one) at once, so that {@link #port()} is known before {@link #start()}. */
  HttpFrontEnd(int port, Simulation simulation, BatchApi batch, EcsApi ecs, CloudFormationApi cloudFormation,
      Ec2Api ec2, FaultInjector faults, Duration requestTimeout) throws IOException {
    this.simulation = simulation;
    this.batch = batch;
    this.ecs = ecs;
    this.cloudFormation = cloudFormation;
    this.ec2 = ec2;
    this.faults = faults;
    QueuedThreadPool workers = new QueuedThreadPool(ArrivalDeadline.WORKERS, 2);
    workers.setName("batch-emulator-http");
    workers.setDaemon(true); // a forgotten emulator must not keep the JVM alive
    // Jetty's own scheduler thread is not a daemon: this one is, like the workers.
    Scheduler scheduler = new ScheduledExecutorScheduler("batch-emulator-http-timer", true);
    this.server = new Server(workers, scheduler, null);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setRequestHeaderSize(MAX_HEADER_BYTES);
    // The AWS SDK sends a tagged resource's ARN in one path segment, its "/" encoded as %2F.
    config.setUriCompliance(UriCompliance.DEFAULT.with("AWS REST paths", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    this.connector = new ServerConnector(server, null, scheduler, null, 1, 1, new HttpConnectionFactory(config));
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    // Also bounds a client stalled in its headers, and closes keep-alive connections idle this long.
    connector.setIdleTimeout(requestTimeout.toMillis());
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() { // blocking: operations run on the worker thread
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return serve(request, response, callback);
      }
    });
    server.setErrorHandler(new RefusedRequests(MAX_HEADER_BYTES));
    connector.open();
    this.deadline = new ArrivalDeadline(requestTimeout, scheduler);
  }

  void start() {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the emulator's HTTP server: " + e.getMessage(), e);
    }
  }

  int port() {
    return connector.getLocalPort();
  }

  private boolean serve(Request request, Response response, Callback callback) {
    simulation.requestStarted();
    String requestId = UUID.randomUUID().toString();
    response.getHeaders().put("x-amzn-RequestId", requestId);
    // the Date header stays real time; job timestamps are on the virtual clock, which a watcher's polls must share
    response.getHeaders().put(TwinClock.HEADER, Instant.ofEpochMilli(simulation.now()).toString());
    String path = request.getHttpURI().getPath();
    String target = request.getHeaders().get("X-Amz-Target");
    Protocol protocol = Protocol.route(path, target);
    Exchange exchange = new Exchange(request, response, callback, protocol, requestId);
    try {
      switch (protocol) {
        case BATCH_REST_JSON -> serveBatch(exchange, path);
        case ECS_JSON_1_1 -> serveEcs(exchange, target);
        default -> serveQuery(exchange);
      }
    } catch (RuntimeException | LinkageError | StackOverflowError unexpected) {
      // A bug must not take the server down: log it, and the client sees an AWS-shaped 500.
      System.err.println("batch-lab emulator: internal error on " + request.getMethod() + " " + path
          + " (request " + requestId + "): " + describe(unexpected));
      exchange.answerUnexpected(unexpected);
    } finally {
      simulation.requestEnded();
    }
    return true;
  }

  /** The exception and where it was thrown, on one line. */
  private static String describe(Throwable error) {
    StackTraceElement[] trace = error.getStackTrace();
    return error + (trace.length == 0 ? "" : " at " + trace[0]);
  }

  private void serveBatch(Exchange exchange, String path) {
    String method = exchange.request.getMethod();
    String query = exchange.request.getHttpURI().getQuery();
    boolean submit = path.equals("/v1/submitjob");
    boolean readOnly = path.startsWith("/v1/tags/") ? method.equals("GET")
        : ReadOnlyCalls.isReadOnly(path.substring("/v1/".length()));
    serveJson(exchange, submit, readOnly, request -> batch.handle(method, path, query, request));
  }

  private void serveEcs(Exchange exchange, String target) {
    String operation = target.substring(target.lastIndexOf('.') + 1);
    serveJson(exchange, false, ReadOnlyCalls.isReadOnly(operation), request -> ecs.handle(target, request));
  }

  /** Reads and parses the JSON body, applies injected faults, runs the operation, answers JSON. */
  private void serveJson(Exchange exchange, boolean submitJob, boolean readOnly, Operation operation) {
    if (!readOnly) {
      simulation.stateChangingCall();
    }
    try {
      byte[] body = exchange.readBody(submitJob ? MAX_SUBMIT_BYTES : MAX_BODY_BYTES, submitJob ? "SubmitJob" : null);
      ApiException fault = faults.nextFault(submitJob);
      if (fault != null) {
        throw fault;
      }
      JsonNode request = parseJson(body);
      JsonNode response = simulation.call(() -> operation.apply(request));
      exchange.send(200, Protocol.json(response));
    } catch (ApiException error) {
      exchange.sendError(error);
    } finally {
      if (!readOnly) {
        simulation.stateChangingCall();
      }
    }
  }

  /** The query protocol: EC2 DescribeInstances, else CloudFormation, told apart by the Action. */
  private void serveQuery(Exchange exchange) {
    try {
      byte[] body = exchange.readBody(MAX_BODY_BYTES, null);
      Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
      String query = exchange.request.getHttpURI().getQuery();
      if (query != null) {
        parseForm(query).forEach(form::putIfAbsent);
      }
      if (!form.containsKey("Action")) {
        throw new ApiException(404, "UnknownOperationException", "Unknown operation "
            + exchange.request.getMethod() + " " + exchange.request.getHttpURI().getPath()
            + ": not a Batch path (/v1/...), an ECS X-Amz-Target or a CloudFormation Action");
      }
      if (Ec2Api.handles(form.get("Action"))) {
        exchange.protocol = Protocol.EC2_QUERY;
      }
      if (!ReadOnlyCalls.isReadOnly(form.get("Action"))) {
        simulation.stateChangingCall();
      }
      ApiException fault = faults.nextFault(false);
      if (fault != null) {
        throw fault;
      }
      String xml = exchange.protocol == Protocol.EC2_QUERY ? simulation.call(() -> ec2.handle(form, exchange.requestId))
          : simulation.call(() -> cloudFormation.handle(form, exchange.requestId));
      exchange.send(200, xml.getBytes(StandardCharsets.UTF_8));
    } catch (ApiException error) {
      exchange.sendError(error);
    }
  }

  /**
   * One request and its answer: the protocol it is answered in (an EC2 Action turns the query shape
   * into EC2's) and whether an answer has gone out. Confined to the thread that handles the request.
   */
  private final class Exchange {
    final Request request;
    final Response response;
    final Callback callback;
    final String requestId;
    Protocol protocol;
    private boolean answered;

    Exchange(Request request, Response response, Callback callback, Protocol protocol, String requestId) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.protocol = protocol;
      this.requestId = requestId;
    }

    /**
     * The whole body, within {@code limit} bytes and the arrival deadline. A body that is too slow is
     * 408 RequestTimeout (the connection is then closed); one Jetty cannot decode (bad chunked
     * encoding) is 400; a client that went away gets nothing, as nobody is left to answer.
     */
    byte[] readBody(int limit, String operation) {
      var watch = deadline.watch(request);
      try (InputStream in = Content.Source.asInputStream(request)) {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
          in.transferTo(OutputStream.nullOutputStream());
          throw ApiException.client((operation == null ? "Request" : operation) + " payload is larger than the "
              + (limit / 1024) + " KiB limit");
        }
        return body;
      } catch (IOException failed) {
        throw unreadable(failed);
      } finally {
        watch.cancel();
      }
    }

    private ApiException unreadable(IOException failed) {
      String call = request.getMethod() + " " + request.getHttpURI().getPath() + " (request " + requestId + ")";
      if (ArrivalDeadline.tooSlow(failed)) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        System.err.println("batch-lab emulator: request timeout on " + call + ": the request did not arrive within "
            + deadline.timeout().toMillis() + " ms");
        // The code and text S3 documents for the same case; the AWS SDK retries it.
        return new ApiException(408, "RequestTimeout", "Your socket connection to the server was not read from or "
            + "written to within the timeout period. Idle connections will be closed.");
      }
      boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, "chunked");
      ApiException error = ApiException.client("Malformed HTTP request: the body cannot be read (" + failed.getMessage()
          + (chunked ? "): a chunked body is hex chunk sizes, each followed by CRLF, its data and CRLF, then 0 CRLF CRLF"
              : "): it ended before its Content-Length"));
      System.err.println("batch-lab emulator: refused " + call + ": 400 " + error.getMessage());
      return error;
    }

    void send(int status, byte[] body) {
      answered = true;
      protocol.send(response, callback, status, body);
    }

    void sendError(ApiException error) {
      answered = true;
      protocol.sendError(response, callback, error, requestId);
    }

    /** The 500 in the protocol's shape, unless an answer was already under way. */
    void answerUnexpected(Throwable unexpected) {
      if (answered || response.isCommitted()) {
        if (!answered) {
          callback.failed(unexpected);
        }
        return;
      }
      sendError(ApiException.server("Internal error: " + unexpected));
    }
  }

  private static JsonNode parseJson(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    try {
      JsonNode node = STRICT_READER.readTree(body);
      if (node == null || !node.isObject()) {
        throw ApiException.client("Request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.client("Malformed JSON in request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.client("Unreadable request body: " + e.getMessage());
    }
  }

  /** A form or query string; a bad percent-escape is the query protocol's 400 InvalidQueryParameter. */
  private static Map<String, String> parseForm(String text) {
    Map<String, String> form = new LinkedHashMap<>();
    if (text.isBlank()) {
      return form;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(decode(key, pair), decode(value, pair));
    }
    return form;
  }

  private static String decode(String text, String pair) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      throw new ApiException(400, "InvalidQueryParameter", "The AWS query string is malformed or does not adhere to "
          + "AWS standards: " + pair + " has a bad percent-escape (% must be followed by two hex digits)");
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping is best effort: the threads are daemons and the port is closed with the connector.
      connector.close();
    }
  }
}
