package batchlab.local;

import batchlab.batch.BatchLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one HTTP endpoint on 127.0.0.1 that serves all three AWS protocols, told apart as the AWS
 * SDKs address them: Batch REST-JSON by the {@code /v1/} path, ECS JSON 1.1 by the
 * {@code X-Amz-Target} header, CloudFormation and EC2 query by the {@code Action} form field. SigV4
 * headers are accepted and not checked. Every failure, including a malformed request, is answered
 * in the protocol's error shape and the server keeps serving.
 */
final class HttpFrontEnd implements AutoCloseable {

  /** API Reference, SubmitJob: the request payload is limited to 30 KiB. */
  private static final int MAX_SUBMIT_BYTES = BatchLimits.SUBMIT_JOB_PAYLOAD_BYTES;
  /** Anything larger is not a plausible API call. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  static {
    // The JDK server leaves Nagle's algorithm on by default, which adds ~40 ms to every small
    // keep-alive response; it reads the switch once, so set it before the first server exists.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** Trailing data after the JSON value ({"jobName":"a"} xyz) is malformed JSON, not ignored. */
  private static final ObjectReader STRICT_READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Simulation simulation;
  private final BatchApi batch;
  private final EcsApi ecs;
  private final CloudFormationApi cloudFormation;
  private final Ec2Api ec2;
  private final FaultInjector faults;
  private final HttpServer server;
  private final ArrivalDeadline workers;

  HttpFrontEnd(int port, Simulation simulation, BatchApi batch, EcsApi ecs, CloudFormationApi cloudFormation,
      Ec2Api ec2, FaultInjector faults, Duration requestTimeout) throws IOException {
    this.simulation = simulation;
    this.batch = batch;
    this.ecs = ecs;
    this.cloudFormation = cloudFormation;
    this.ec2 = ec2;
    this.faults = faults;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    this.workers = new ArrivalDeadline(requestTimeout);
    server.setExecutor(workers);
    server.createContext("/", this::serve);
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) {
    ArrivalDeadline.handling(exchange);
    simulation.requestStarted();
    String requestId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
    String path = exchange.getRequestURI().getRawPath();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    try {
      if (BatchApi.handles(path)) {
        serveBatch(exchange, path);
      } else if (target != null) {
        serveEcs(exchange, target);
      } else {
        serveQuery(exchange, requestId);
      }
    } catch (IOException gone) {
      // The client went away mid-request: nobody is left to answer.
    } catch (RuntimeException | LinkageError | StackOverflowError unexpected) {
      // A bug must not take the server down: log it, and the client sees an AWS-shaped 500.
      System.err.println("batch-lab emulator: internal error on " + exchange.getRequestMethod() + " " + path
          + " (request " + requestId + "): " + describe(unexpected));
      answerUnexpected(exchange, path, target, requestId, unexpected);
    } finally {
      exchange.close();
      simulation.requestEnded();
    }
  }

  /** The exception and where it was thrown, on one line. */
  private static String describe(Throwable error) {
    StackTraceElement[] trace = error.getStackTrace();
    return error + (trace.length == 0 ? "" : " at " + trace[0]);
  }

  /** The 500 in the protocol's shape, unless a response was already under way. */
  private static void answerUnexpected(HttpExchange exchange, String path, String target, String requestId,
      Throwable unexpected) {
    if (exchange.getResponseCode() != -1) {
      return;
    }
    ApiException error = ApiException.server("Internal error: " + unexpected);
    try {
      if (BatchApi.handles(path) || target != null) {
        sendJsonError(exchange, error, target != null && !BatchApi.handles(path));
      } else {
        send(exchange, error.status(), CloudFormationApi.error(error, requestId).getBytes(StandardCharsets.UTF_8),
            "text/xml");
      }
    } catch (IOException | RuntimeException unanswerable) {
      // The connection is gone; the log line above is all that is left to do.
    }
  }

  private void serveBatch(HttpExchange exchange, String path) throws IOException {
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    boolean submit = path.equals("/v1/submitjob");
    boolean readOnly = path.startsWith("/v1/tags/") ? method.equals("GET")
        : ReadOnlyCalls.isReadOnly(path.substring("/v1/".length()));
    serveJson(exchange, submit, false, readOnly, request -> batch.handle(method, path, query, request));
  }

  private void serveEcs(HttpExchange exchange, String target) throws IOException {
    String operation = target.substring(target.lastIndexOf('.') + 1);
    serveJson(exchange, false, true, ReadOnlyCalls.isReadOnly(operation), request -> ecs.handle(target, request));
  }

  /** Reads and parses the JSON body, applies injected faults, runs the operation, answers JSON. */
  private void serveJson(HttpExchange exchange, boolean submitJob, boolean json11, boolean readOnly,
      Operation operation) throws IOException {
    if (!readOnly) {
      simulation.stateChangingCall();
    }
    try {
      byte[] body = readBody(exchange, submitJob ? MAX_SUBMIT_BYTES : MAX_BODY_BYTES, submitJob ? "SubmitJob" : null);
      ApiException fault = faults.nextFault(submitJob);
      if (fault != null) {
        throw fault;
      }
      JsonNode request = parseJson(body);
      JsonNode response = simulation.call(() -> operation.apply(request));
      sendJson(exchange, 200, response, json11 ? "application/x-amz-json-1.1" : "application/json");
    } catch (ApiException error) {
      sendJsonError(exchange, error, json11);
    } finally {
      if (!readOnly) {
        simulation.stateChangingCall();
      }
    }
  }

  /** The query protocol: EC2 DescribeInstances, else CloudFormation, told apart by the Action. */
  private void serveQuery(HttpExchange exchange, String requestId) throws IOException {
    boolean toEc2 = false;
    try {
      byte[] body = readBody(exchange, MAX_BODY_BYTES, null);
      Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
      String query = exchange.getRequestURI().getRawQuery();
      if (query != null) {
        parseForm(query).forEach(form::putIfAbsent);
      }
      if (!form.containsKey("Action")) {
        throw new ApiException(404, "UnknownOperationException", "Unknown operation "
            + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
            + ": not a Batch path (/v1/...), an ECS X-Amz-Target or a CloudFormation Action");
      }
      toEc2 = Ec2Api.handles(form.get("Action"));
      if (!ReadOnlyCalls.isReadOnly(form.get("Action"))) {
        simulation.stateChangingCall();
      }
      ApiException fault = faults.nextFault(false);
      if (fault != null) {
        throw fault;
      }
      String xml = toEc2 ? simulation.call(() -> ec2.handle(form, requestId))
          : simulation.call(() -> cloudFormation.handle(form, requestId));
      send(exchange, 200, xml.getBytes(StandardCharsets.UTF_8), "text/xml");
    } catch (ApiException error) {
      String xml = toEc2 ? Ec2Api.error(error, requestId) : CloudFormationApi.error(error, requestId);
      send(exchange, error.status(), xml.getBytes(StandardCharsets.UTF_8), "text/xml");
    }
  }

  private static byte[] readBody(HttpExchange exchange, int limit, String operation) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        in.transferTo(OutputStream.nullOutputStream());
        throw ApiException.client((operation == null ? "Request" : operation) + " payload is larger than the "
            + (limit / 1024) + " KiB limit");
      }
      ArrivalDeadline.arrived();
      return body;
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

  /** REST-JSON errors carry the code in x-amzn-ErrorType; JSON 1.1 errors in the body's __type. */
  private static void sendJsonError(HttpExchange exchange, ApiException error, boolean json11) throws IOException {
    ObjectNode body = Json.object();
    if (json11) {
      body.put("__type", error.code());
    } else {
      exchange.getResponseHeaders().add("x-amzn-ErrorType", error.code());
    }
    body.put("message", error.getMessage());
    sendJson(exchange, error.status(), body, json11 ? "application/x-amz-json-1.1" : "application/json");
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body, String contentType) throws IOException {
    send(exchange, status, Json.MAPPER.writeValueAsBytes(body), contentType);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.close();
  }
}
