package batchlab.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Jobs of a run that go to the same queue with the same share identifier and scheduling priority
 * ({@code submit --mix teamA:20,teamB:20} makes two). A run's groups take its job indexes in order:
 * the first group jobs 1..count, the next the following ones.
 *
 * @param jobQueue the queue's ARN
 * @param queue the queue as people name it: the stack's lab queue name, or the queue's own name
 * @param share the fair-share identifier sent with SubmitJob; null on a FIFO queue
 * @param priority the schedulingPriorityOverride sent with SubmitJob; null for the job definition's
 * @param count how many jobs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobGroup(String jobQueue, String queue, String share, Integer priority, int count) {

  public JobGroup {
    Objects.requireNonNull(jobQueue, "jobQueue");
    Objects.requireNonNull(queue, "queue");
    if (count < 1) {
      throw new IllegalArgumentException("a job group holds at least one job, got " + count);
    }
  }

  /** How the summary and report name the group's share ("-" for jobs without one). */
  public String shareLabel() {
    return share == null ? "-" : share;
  }
}
