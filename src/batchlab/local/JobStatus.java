package batchlab.local;

/** Job states (User Guide, "Job states"), in lifecycle order. */
enum JobStatus {
  SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED, FAILED;

  boolean terminal() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** CancelJob only affects jobs that have not reached STARTING (API Reference, CancelJob). */
  boolean cancellable() {
    return this == SUBMITTED || this == PENDING || this == RUNNABLE;
  }

  static JobStatus parse(String value) {
    for (JobStatus status : values()) {
      if (status.name().equals(value)) {
        return status;
      }
    }
    throw ApiException.client("jobStatus '" + value + "' is not valid; allowed: SUBMITTED, PENDING, RUNNABLE, "
        + "STARTING, RUNNING, SUCCEEDED, FAILED");
  }
}
