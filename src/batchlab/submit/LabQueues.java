package batchlab.submit;

import batchlab.aws.StackOutputs;
import batchlab.batch.LabContract;
import batchlab.run.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what {@code --job-queue} and {@code --mix} name into queues: a lab queue of the stack (its
 * outputs {@code JobQueue<name>Arn} / {@code JobQueue<name>Name}, see {@link LabContract#jobQueueNameOutput}),
 * or else a queue name or ARN as given. Without the stack's outputs (both --job-queue and
 * --job-definition given) every name is taken as given.
 */
final class LabQueues {

  /** How the summary names the stack's default queue (whose outputs carry the empty lab name). */
  static final String DEFAULT_LABEL = "default";

  /** A queue to describe, and how people call it. */
  record Named(String queue, String label) {}

  private final StackOutputs outputs;

  /** @param outputs the stack's outputs; null when the stack was not read */
  LabQueues(StackOutputs outputs) {
    this.outputs = outputs;
  }

  /** The stack's default queue. */
  Named defaultQueue() {
    return new Named(outputs.require("job queue", LabContract.OUTPUT_JOB_QUEUE_ARN, LabContract.OUTPUT_JOB_QUEUE_NAME),
        DEFAULT_LABEL);
  }

  /**
   * {@code given} as a lab queue when the stack has one by that name ({@value #DEFAULT_LABEL}: the default
   * queue, unless the stack has an extra queue of that name), else as a queue name or ARN.
   */
  Named resolve(String given) {
    if (outputs != null && LabContract.EXTRA_QUEUE_NAME.matcher(given).matches()) {
      Optional<String> lab = outputs.output(LabContract.jobQueueArnOutput(given))
          .or(() -> outputs.output(LabContract.jobQueueNameOutput(given)));
      if (lab.isPresent()) {
        return new Named(lab.get(), given);
      }
      if (given.equals(DEFAULT_LABEL)) {
        return defaultQueue();
      }
    }
    return new Named(given, RunRecord.queueName(given));
  }

  /** What to do when a queue is not found: the stack's queues, when it was read. */
  String notFoundAdvice() {
    if (outputs == null) {
      return "give a queue name or ARN (lab queue names need the stack: leave out --job-definition)";
    }
    List<String> names = new ArrayList<>();
    for (String key : outputs.outputs().keySet()) {
      if (key.startsWith("JobQueue") && key.endsWith("Name") && key.length() > "JobQueueName".length()) {
        names.add(key.substring("JobQueue".length(), key.length() - "Name".length()));
      }
    }
    names.sort(null);
    return "stack " + outputs.stackName() + " has the queues " + DEFAULT_LABEL
        + (names.isEmpty() ? " (no other)" : ", " + String.join(", ", names))
        + "; or give a queue name or ARN";
  }
}
