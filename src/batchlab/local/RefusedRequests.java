package batchlab.local;

import java.util.UUID;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, for every request the server refuses before the emulator's handler runs: a
 * malformed request line or URL (a bad percent-escape, a path that is not UTF-8), a bad or doubled
 * Content-Length, bad chunked encoding, headers over the limit, no Host, an unknown HTTP version.
 * Each is answered in the AWS error shape of the protocol its path and X-Amz-Target say, with
 * Jetty's status and reason, and logged as one line on stderr. Not thread-confined: it holds no
 * state.
 */
final class RefusedRequests implements Request.Handler {

  /** Jetty's stand-in target for a request whose request line it could not read. */
  private static final String UNREADABLE_TARGET = "/badMessage";

  private final int maxHeaderBytes;

  RefusedRequests(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : 500;
    Throwable failure = request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
    if (failure instanceof EofException && !(failure instanceof HttpException)) {
      callback.succeeded(); // the client closed its connection mid-request: nobody is left to answer
      return true;
    }
    String path = request.getHttpURI().getPath();
    boolean unreadable = UNREADABLE_TARGET.equals(path);
    String reason = reason(status, (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE), failure, unreadable);
    Protocol protocol = Protocol.route(unreadable ? null : path, request.getHeaders().get("X-Amz-Target"));
    String requestId = UUID.randomUUID().toString();
    System.err.println("batch-lab emulator: refused " + (unreadable ? "a request whose request line cannot be read"
        : request.getMethod() + " " + path) + " (request " + requestId + "): " + status + " " + reason);
    response.getHeaders().put("x-amzn-RequestId", requestId);
    protocol.sendError(response, callback, error(protocol, status, reason), requestId);
    return true;
  }

  /** What is wrong, in words: Jetty's reason, made specific where Jetty's is only the status phrase. */
  private String reason(int status, String message, Throwable failure, boolean unreadable) {
    if (status == HttpStatus.INTERNAL_SERVER_ERROR_500) {
      return "Internal error: " + (failure != null ? failure : message);
    }
    if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
      return "Malformed HTTP request: the request headers are larger than the " + maxHeaderBytes / 1024 + " KiB limit";
    }
    if (unreadable && failure != null && failure.getCause() != null && HttpStatus.getMessage(status).equals(message)) {
      // Jetty's bare "Bad Request" with a cause, before it has a target: decoding the URL failed.
      return "Malformed HTTP request: the URL has a bad percent-escape (% must be followed by two hex digits)";
    }
    return "Malformed HTTP request: " + (message == null || message.isBlank() ? HttpStatus.getMessage(status) : message);
  }

  /**
   * Every refusal is the client's fault (a 505 for an unknown HTTP version too), answered with the
   * protocol's generic client error; only a 500 is the server's.
   */
  private static ApiException error(Protocol protocol, int status, String message) {
    if (status == HttpStatus.INTERNAL_SERVER_ERROR_500) {
      return new ApiException(status, "ServerException", message);
    }
    boolean json = protocol == Protocol.BATCH_REST_JSON || protocol == Protocol.ECS_JSON_1_1;
    return new ApiException(status, json ? "ClientException" : "InvalidQueryParameter", message);
  }
}
