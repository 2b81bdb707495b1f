package batchlab.watch;

import batchlab.aws.QueueCapacity;
import batchlab.aws.Retry;
import batchlab.run.JobGroup;
import batchlab.run.RunRecord;
import batchlab.run.WaitCause;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * Every queue a run submitted to, highest priority first (the order the scheduler serves queues that
 * share a compute environment: API Reference, CreateJobQueue priority), with their compute
 * environments and instance clusters taken together, each environment once.
 */
final class RunQueues {

  private static final Set<String> RUNNABLE = Set.of("RUNNABLE");
  /** States of a job that holds its vCPUs on an instance. */
  private static final Set<String> PLACED = Set.of("STARTING", "RUNNING");

  /** @param label the queue as the run names it ({@link batchlab.run.JobGroup#queue()}) */
  private record Watched(QueueCapacity capacity, QueueWaits waits, String label) {}

  private final List<Watched> queues;

  private RunQueues(List<Watched> queues) {
    this.queues = queues;
  }

  static RunQueues describe(BatchClient batch, RunRecord run, Retry retry, Consumer<String> warn) {
    return new RunQueues(run.queues().stream()
        .map(q -> QueueCapacity.describe(batch, q, retry))
        .sorted(Comparator.comparing(RunQueues::priority).reversed())
        .map(q -> new Watched(q, new QueueWaits(batch, q.queueArn(), retry, warn), label(run, q.queueArn())))
        .toList());
  }

  private static String label(RunRecord run, String queueArn) {
    return run.groups().stream().filter(g -> g.jobQueue().equals(queueArn)).map(JobGroup::queue).findFirst()
        .orElse(RunRecord.queueName(queueArn));
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
   * Why the run's RUNNABLE jobs wait at this poll.
   *
   * @param run the cause for the run as a whole: for one queue as {@link QueueWaits} says; for several, the
   *     cause in the highest-priority queue holding RUNNABLE jobs of the run (served first); null when none waits
   * @param byQueue for a run over several queues, each queue holding RUNNABLE jobs of the run (as the run names
   *     it) with its own cause, highest priority first; empty for a run to one queue
   */
  record Causes(WaitCause run, Map<String, WaitCause> byQueue) {
    Causes {
      byQueue = Collections.unmodifiableMap(new LinkedHashMap<>(byQueue));
    }
  }

  /**
   * For several queues, each queue's cause is {@link QueueWaits}'s with the queue ahead of it: a queue of
   * higher priority sharing one of its compute environments that has RUNNABLE jobs of the run (the scheduler
   * gives it every free slot first), or, while the environments are at maxvCpus, that holds more of the run's
   * placed jobs (STARTING or RUNNING) than this queue does; the first such queue in priority order.
   *
   * @param runnable the run's RUNNABLE jobs at this poll (array children counted)
   */
  Causes causes(List<JobDetail> runJobs, int runnable, int desiredVcpus, int registeredVcpus, int maxVcpus) {
    if (queues.size() == 1) {
      return new Causes(queues.get(0).waits().cause(runJobs, runnable, desiredVcpus, registeredVcpus, maxVcpus,
          null), Map.of());
    }
    List<List<JobDetail>> own = queues.stream()
        .map(q -> runJobs.stream().filter(j -> q.capacity().queueArn().equals(j.jobQueue())).toList()).toList();
    Map<String, WaitCause> byQueue = new LinkedHashMap<>();
    for (int i = 0; i < queues.size(); i++) {
      int waiting = count(own.get(i), RUNNABLE);
      if (waiting == 0) {
        continue;
      }
      QueueWaits.Ahead ahead = ahead(i, own, QueueWaits.atMaxVcpus(desiredVcpus, maxVcpus));
      byQueue.put(queues.get(i).label(), queues.get(i).waits().cause(own.get(i), waiting, desiredVcpus,
          registeredVcpus, maxVcpus, ahead));
    }
    return new Causes(byQueue.values().stream().findFirst().orElse(null), byQueue);
  }

  private QueueWaits.Ahead ahead(int index, List<List<JobDetail>> own, boolean atMax) {
    Watched queue = queues.get(index);
    int placed = count(own.get(index), PLACED);
    for (int i = 0; i < index; i++) {
      Watched higher = queues.get(i);
      boolean served = priority(higher.capacity()) > priority(queue.capacity())
          && !Collections.disjoint(higher.capacity().environmentArns(), queue.capacity().environmentArns());
      if (served && (count(own.get(i), RUNNABLE) > 0 || atMax && count(own.get(i), PLACED) > placed)) {
        return new QueueWaits.Ahead(higher.label(), priority(higher.capacity()));
      }
    }
    return null;
  }

  private static int count(List<JobDetail> jobs, Set<String> states) {
    return (int) jobs.stream().filter(j -> states.contains(j.statusAsString())).count();
  }

  private static int priority(QueueCapacity queue) {
    return queue.priority() == null ? 0 : queue.priority();
  }
}
