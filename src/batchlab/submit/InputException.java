package batchlab.submit;

/** A bad value given by the user (option, run id, ...): one line naming it and what is allowed. */
public class InputException extends IllegalArgumentException {
  public InputException(String message) {
    super(message);
  }
}
