package batchlab.experiment;

/** Asks the user before something that costs money; tests answer for them. */
@FunctionalInterface
public interface Confirmation {

  /** Shows {@code question} and returns whether the answer was yes. */
  boolean confirm(String question);
}
