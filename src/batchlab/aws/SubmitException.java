package batchlab.aws;

/**
 * A failure at run time that the user can act on (missing stack, disabled queue, access denied, no
 * credentials, an unreachable endpoint, ...): one line saying what and what to do.
 */
public class SubmitException extends RuntimeException {
  public SubmitException(String message) {
    super(message);
  }

  public SubmitException(String message, Throwable cause) {
    super(message, cause);
  }
}
