package batchlab.local;

/** One attempt of a job on an instance (API Reference, AttemptDetail / AttemptContainerDetail). */
final class Attempt {
  final Instance instance;
  final String taskArn;
  final String logStreamName;
  final long placedAt;
  /** When the attempt went RUNNING; 0 while (or if it ended while) STARTING. */
  long startedAt;
  long stoppedAt;
  Integer exitCode;
  String reason;
  String statusReason;

  Attempt(Instance instance, String taskArn, String logStreamName, long placedAt) {
    this.instance = instance;
    this.taskArn = taskArn;
    this.logStreamName = logStreamName;
    this.placedAt = placedAt;
  }

  boolean reachedRunning() {
    return startedAt > 0;
  }
}
