package batchlab.experiment;

import batchlab.aws.Backoff;
import batchlab.aws.QueueCapacity;
import batchlab.aws.Retry;
import batchlab.aws.StopSignal;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;

/**
 * The two things the experiment does to a compute environment between runs: a scaling update of
 * maxvCpus in place (what the article did in the console), and waiting until idle instances have
 * scaled in so that the next run starts cold, like the first.
 */
final class ComputeEnvironmentScaling {

  private ComputeEnvironmentScaling() {}

  /**
   * UpdateComputeEnvironment with only maxvCpus: a scaling update, no instance replaced (User Guide,
   * "scaling updates").
   */
  static void setMaxVcpus(BatchClient batch, String computeEnvironment, int maxVcpus, Retry retry) {
    retry.call("batch:UpdateComputeEnvironment", () -> batch.updateComputeEnvironment(r -> r
        .computeEnvironment(computeEnvironment)
        .computeResources(c -> c.maxvCpus(maxVcpus))));
  }

  /**
   * Polls the queue's compute environments until their desiredvCpus are back at minvCpus (idle
   * instances terminated), for at most {@code limit}.
   *
   * @return true once scaled in; false if the limit passed or a stop was requested first
   */
  static boolean awaitScaleIn(BatchClient batch, String jobQueue, Duration interval, Duration limit,
      StopSignal stop) {
    Retry retry = new Retry(Backoff.DEFAULT, stop, "the compute environment");
    List<String> environments = QueueCapacity.describe(batch, jobQueue, retry).environmentArns();
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      List<ComputeEnvironmentDetail> details = retry.call("batch:DescribeComputeEnvironments",
          () -> batch.describeComputeEnvironments(r -> r.computeEnvironments(environments))).computeEnvironments();
      boolean idle = details.stream().allMatch(e -> e.computeResources() == null
          || nullToZero(e.computeResources().desiredvCpus()) <= nullToZero(e.computeResources().minvCpus()));
      if (idle) {
        return true;
      }
      if (System.nanoTime() >= deadline || !stop.sleep(interval)) {
        return false;
      }
    }
  }

  private static int nullToZero(Integer value) {
    return value == null ? 0 : value;
  }
}
