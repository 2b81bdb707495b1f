package batchlab.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The AWS protocols the front end speaks, told apart as the AWS SDKs address them, and the shape each
 * gives an error: Batch REST-JSON by the {@code /v1/} path (code in {@code x-amzn-ErrorType}), ECS
 * JSON 1.1 by the {@code X-Amz-Target} header (code in the body's {@code __type}), and the query
 * protocol for everything else (CloudFormation's XML {@code ErrorResponse}; EC2's {@code Response}
 * once the form's Action says EC2). A request that cannot be routed (no readable path) gets the query
 * shape, as any unknown path does.
 */
enum Protocol {
  BATCH_REST_JSON("application/json"),
  ECS_JSON_1_1("application/x-amz-json-1.1"),
  CLOUDFORMATION_QUERY("text/xml"),
  EC2_QUERY("text/xml");

  private final String contentType;

  Protocol(String contentType) {
    this.contentType = contentType;
  }

  /** The protocol of a request by its raw path and X-Amz-Target header, either of which may be null. */
  static Protocol route(String rawPath, String target) {
    if (rawPath != null && BatchApi.handles(rawPath)) {
      return BATCH_REST_JSON;
    }
    return target != null ? ECS_JSON_1_1 : CLOUDFORMATION_QUERY;
  }

  String contentType() {
    return contentType;
  }

  /** Answers {@code error} in this protocol's shape; the response completes {@code callback}. */
  void sendError(Response response, Callback callback, ApiException error, String requestId) {
    byte[] body;
    switch (this) {
      case BATCH_REST_JSON -> {
        response.getHeaders().put("x-amzn-ErrorType", error.code());
        body = json(Json.object().put("message", error.getMessage()));
      }
      case ECS_JSON_1_1 -> body = json(Json.object().put("__type", error.code()).put("message", error.getMessage()));
      case EC2_QUERY -> body = Ec2Api.error(error, requestId).getBytes(StandardCharsets.UTF_8);
      default -> body = CloudFormationApi.error(error, requestId).getBytes(StandardCharsets.UTF_8);
    }
    send(response, callback, error.status(), body);
  }

  /** Answers {@code body} with this protocol's content type. */
  void send(Response response, Callback callback, int status, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static byte[] json(Object value) {
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
