package batchlab.watch;

import batchlab.aws.QueueCapacity;
import batchlab.aws.Retry;
import batchlab.run.RunRecord;
import batchlab.run.WaitCause;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * Every queue a run submitted to, highest priority first (the order the scheduler serves queues that
 * share a compute environment: API Reference, CreateJobQueue priority), with their compute
 * environments and instance clusters taken together, each environment once.
 */
final class RunQueues {

  private record Watched(QueueCapacity capacity, QueueWaits waits) {}

  private final List<Watched> queues;

  private RunQueues(List<Watched> queues) {
    this.queues = queues;
  }

  static RunQueues describe(BatchClient batch, RunRecord run, Retry retry, Consumer<String> warn) {
    return new RunQueues(run.queues().stream()
        .map(q -> QueueCapacity.describe(batch, q, retry))
        .sorted(Comparator.comparing((QueueCapacity q) -> q.priority() == null ? 0 : q.priority()).reversed())
        .map(q -> new Watched(q, new QueueWaits(batch, q.queueArn(), retry, warn)))
        .toList());
  }

  /** The run's first queue as recorded (its compute environments give the prediction). */
  QueueCapacity first(RunRecord run) {
    return queues.stream().map(Watched::capacity).filter(q -> q.queueArn().equals(run.jobQueue())).findFirst()
        .orElse(queues.get(0).capacity());
  }

  List<String> clusters() {
    return queues.stream().flatMap(q -> q.capacity().clusters().stream()).distinct().toList();
  }

  List<String> environmentArns() {
    return queues.stream().flatMap(q -> q.capacity().environmentArns().stream()).distinct().toList();
  }

  /**
   * Why the run's RUNNABLE jobs wait at this poll: for one queue as {@link QueueWaits} says; for
   * several, the cause in the highest-priority queue holding RUNNABLE jobs of the run (one snapshot
   * per such queue at most), since that queue is served first.
   *
   * @param runnable the run's RUNNABLE jobs at this poll (array children counted)
   */
  WaitCause cause(List<JobDetail> runJobs, int runnable, int desiredVcpus, int registeredVcpus, int maxVcpus) {
    if (queues.size() == 1) {
      return queues.get(0).waits().cause(runJobs, runnable, desiredVcpus, registeredVcpus, maxVcpus);
    }
    for (Watched queue : queues) {
      String arn = queue.capacity().queueArn();
      List<JobDetail> own = runJobs.stream().filter(j -> arn.equals(j.jobQueue())).toList();
      int waiting = (int) own.stream().filter(j -> "RUNNABLE".equals(j.statusAsString())).count();
      if (waiting > 0) {
        return queue.waits().cause(own, waiting, desiredVcpus, registeredVcpus, maxVcpus);
      }
    }
    return null;
  }
}
