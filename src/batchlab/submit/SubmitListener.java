package batchlab.submit;

import batchlab.run.RunRecord;
import batchlab.run.SubmittedJob;

/** Hears how a fan-out goes (progress display, logs). Called from the submitting threads. */
public interface SubmitListener {

  SubmitListener NONE = new SubmitListener() {};

  /** A preflight warning, before anything is submitted. */
  default void warned(String warning) {}

  /** Before the first SubmitJob: {@code toSubmit} calls are to be made for the run. */
  default void started(RunRecord run, int toSubmit) {}

  /** A job was confirmed: by SubmitJob, or found by name after an ambiguous failure or on resume. */
  default void confirmed(SubmittedJob job, int confirmed, int total) {}

  /** A SubmitJob call failed and will be retried (after a check by name when the failure was ambiguous). */
  default void retrying(String jobName, String reason) {}
}
