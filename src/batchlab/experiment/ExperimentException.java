package batchlab.experiment;

/** The experiment could not go on at run time (a failed deploy, a failed destroy): exit 1. */
public final class ExperimentException extends RuntimeException {

  public ExperimentException(String message) {
    super(message);
  }

  public ExperimentException(String message, Throwable cause) {
    super(message, cause);
  }
}
