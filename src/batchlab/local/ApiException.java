package batchlab.local;

/**
 * An error the emulator answers the way AWS does: an HTTP status, an error code (the
 * {@code x-amzn-ErrorType} header / {@code __type} / query {@code Code}) and a message.
 */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** HTTP 400 ClientException: the request is wrong (missing field, unknown resource, bad value). */
  static ApiException client(String message) {
    return new ApiException(400, "ClientException", message);
  }

  /** HTTP 500 ServerException. */
  static ApiException server(String message) {
    return new ApiException(500, "ServerException", message);
  }

  /** HTTP 429 as AWS returns it when a quota or throttle is hit. */
  static ApiException throttled() {
    return new ApiException(429, "TooManyRequestsException", "Too Many Requests");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
