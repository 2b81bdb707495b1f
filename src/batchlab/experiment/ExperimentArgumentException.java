package batchlab.experiment;

/**
 * A bad argument to {@code batch-lab experiment}: the message is one line naming the bad value and
 * what is allowed. Thrown before anything starts (no emulator, no deploy, no files written).
 */
public final class ExperimentArgumentException extends IllegalArgumentException {

  public ExperimentArgumentException(String message) {
    super(message);
  }
}
