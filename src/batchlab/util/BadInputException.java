package batchlab.util;

/**
 * A bad value given by the user (a CDK context value, an option, a run id, a file): the message is
 * one line naming the bad value and what is allowed, so every command can print it as is and exit 2.
 * Thrown before anything starts, so nothing is left half-done.
 */
public class BadInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
