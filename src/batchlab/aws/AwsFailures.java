package batchlab.aws;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Classifies AWS call failures (retry? ambiguous?) and turns them into one-line messages. */
public final class AwsFailures {

  private static final Set<String> THROTTLING = Set.of("TooManyRequestsException", "ThrottlingException",
      "Throttling", "RequestLimitExceeded", "ThrottledException");
  private static final Set<String> ACCESS_DENIED = Set.of("AccessDeniedException", "AccessDenied",
      "UnauthorizedOperation", "UnauthorizedException", "NotAuthorized");
  private static final Set<String> BAD_CREDENTIALS = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
      "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "InvalidSignatureException",
      "IncompleteSignature", "MissingAuthenticationToken");

  private AwsFailures() {}

  /** HTTP 429 or a throttling code: the request was refused before it did anything, so resending is safe. */
  public static boolean isThrottling(Throwable e) {
    return e instanceof AwsServiceException s && (s.statusCode() == 429 || THROTTLING.contains(code(s)));
  }

  /**
   * A failure after which the request may or may not have taken effect: a 5xx, a timeout or a broken
   * connection. A non-idempotent call (SubmitJob) must check before sending again.
   */
  public static boolean isAmbiguous(Throwable e) {
    if (e instanceof AwsServiceException s) {
      return s.statusCode() >= 500 && !isThrottling(s);
    }
    return e instanceof SdkClientException && !isUnreachable(e);
  }

  /** Whether an idempotent call may simply be sent again. */
  public static boolean isRetryable(Throwable e) {
    return isThrottling(e) || isAmbiguous(e);
  }

  public static boolean isAccessDenied(Throwable e) {
    return e instanceof AwsServiceException s && (s.statusCode() == 403 || ACCESS_DENIED.contains(code(s)))
        && !BAD_CREDENTIALS.contains(code(s));
  }

  /** Connection refused or unknown host: the request never reached a server. */
  public static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A one-line {@link SubmitException} for a failed call.
   *
   * @param permission the IAM action of the call, e.g. {@code batch:SubmitJob}
   * @param target where the call went, e.g. the endpoint or "AWS region us-east-1"
   */
  public static SubmitException describe(String permission, SdkException e, String target) {
    if (isAccessDenied(e)) {
      return new SubmitException("access denied: the caller may not use " + permission + " (grant "
          + permission + " in its IAM policy): " + message(e), e);
    }
    if (e instanceof AwsServiceException s && BAD_CREDENTIALS.contains(code(s))) {
      return new SubmitException("AWS rejected the credentials (" + code(s) + "): " + message(e)
          + "; check AWS_PROFILE / aws configure, or renew the session", e);
    }
    if (isUnreachable(e)) {
      return new SubmitException("cannot reach " + target + " for " + permission + ": " + rootMessage(e)
          + (target.startsWith("http") ? " (is the local emulator still running? start it with ./batch-lab local and connect with --local)" : ""),
          e);
    }
    if (e instanceof AwsServiceException s) {
      return new SubmitException(permission + " failed at " + target + ": " + message(e) + " (" + code(s)
          + ", HTTP " + s.statusCode() + ")", e);
    }
    return new SubmitException(permission + " failed at " + target + ": " + rootMessage(e), e);
  }

  static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? "" : e.awsErrorDetails().errorCode();
  }

  /** The service's own message without the SDK's "(Service: ..., Request ID: ...)" suffix. */
  public static String message(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null) {
      return oneLine(s.awsErrorDetails().errorMessage());
    }
    return oneLine(e.getMessage());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    return oneLine(text);
  }

  private static String oneLine(String text) {
    return text == null ? "no message" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
