package batchlab.watch;

import batchlab.aws.Retry;
import batchlab.aws.SubmitException;
import batchlab.run.WaitCause;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.FrontOfQueueJobSummary;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * Why the queue's RUNNABLE jobs wait, once per poll: the head job (GetJobQueueSnapshot, one call per
 * queue) and its statusReason when Batch set one; otherwise the observable cause from the compute
 * environments: instances booting (desiredvCpus above the registered vCPUs), then a higher-priority
 * queue that holds the capacity (worked out by {@link RunQueues} for runs over several queues), then at
 * maxvCpus (desired has reached max and nothing boots). Without the snapshot (no permission, or an
 * endpoint that lacks the call) it warns once and takes the head from the run's own RUNNABLE jobs,
 * oldest first.
 */
final class QueueWaits {

  private final BatchClient batch;
  private final String queue;
  private final Retry retry;
  private final Consumer<String> warn;
  private boolean snapshots = true;

  QueueWaits(BatchClient batch, String queue, Retry retry, Consumer<String> warn) {
    this.batch = batch;
    this.queue = queue;
    this.retry = retry;
    this.warn = warn;
  }

  /** A higher-priority queue the scheduler serves before this one, as the run names it. */
  record Ahead(String queue, int priority) {}

  /**
   * @param runJobs the run's latest job details (the head job's statusReason comes from them when it is one)
   * @param runnable RUNNABLE jobs of the run at this poll
   * @param registeredVcpus vCPUs of the registered instances; negative when ECS could not be read
   * @param ahead the higher-priority queue holding the capacity at this poll; null when there is none
   */
  WaitCause cause(List<JobDetail> runJobs, int runnable, int desiredVcpus, int registeredVcpus, int maxVcpus,
      Ahead ahead) {
    if (runnable == 0) {
      return null;
    }
    String headArn = snapshotHead();
    JobDetail head = headArn == null ? oldestRunnable(runJobs)
        : runJobs.stream().filter(j -> headArn.equals(j.jobArn())).findFirst().orElse(null);
    String headName = head != null ? head.jobName() : headArn;
    String reason = head != null && "RUNNABLE".equals(head.statusAsString()) ? head.statusReason() : null;
    if (reason != null && !reason.isBlank()) {
      return new WaitCause(WaitCause.Kind.STATUS_REASON, headName, reason, maxVcpus);
    }
    if (registeredVcpus >= 0 && desiredVcpus > registeredVcpus) {
      return new WaitCause(WaitCause.Kind.INSTANCES_BOOTING, headName, null, maxVcpus);
    }
    if (ahead != null) {
      return WaitCause.behind(headName, maxVcpus, ahead.queue(), ahead.priority());
    }
    if (atMaxVcpus(desiredVcpus, maxVcpus)) {
      return new WaitCause(WaitCause.Kind.AT_MAX_VCPUS, headName, null, maxVcpus);
    }
    return new WaitCause(WaitCause.Kind.SCHEDULING, headName, null, maxVcpus);
  }

  /** Whether the compute environments have asked for all they may: every slot is (or is about to be) taken. */
  static boolean atMaxVcpus(int desiredVcpus, int maxVcpus) {
    return desiredVcpus >= maxVcpus;
  }

  private String snapshotHead() {
    if (!snapshots) {
      return null;
    }
    try {
      var front = retry.call("batch:GetJobQueueSnapshot", () -> batch.getJobQueueSnapshot(r -> r.jobQueue(queue)))
          .frontOfQueue();
      List<FrontOfQueueJobSummary> jobs = front == null ? List.of() : front.jobs();
      return jobs.isEmpty() ? null : jobs.get(0).jobArn();
    } catch (SubmitException e) {
      snapshots = false;
      warn.accept("queue snapshot not read, the head job comes from the run's own jobs: " + e.getMessage());
      return null;
    }
  }

  private static JobDetail oldestRunnable(List<JobDetail> jobs) {
    return jobs.stream().filter(j -> "RUNNABLE".equals(j.statusAsString()))
        .min(Comparator.comparing(j -> j.createdAt() == null ? Long.MAX_VALUE : j.createdAt())).orElse(null);
  }
}
