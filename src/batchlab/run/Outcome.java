package batchlab.run;

/** How a watch ended. */
public enum Outcome {
  /** Every job reached SUCCEEDED or FAILED. */
  COMPLETED,
  /** The watch's time limit passed first. */
  TIMED_OUT,
  /** The user stopped it (Ctrl-C) or the caller cancelled it. */
  INTERRUPTED
}
