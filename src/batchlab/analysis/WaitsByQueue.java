package batchlab.analysis;

import batchlab.run.JobAttempt;
import batchlab.run.JobGroup;
import batchlab.run.RunRecord;
import batchlab.run.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why the jobs of a run over several queues waited, each job by its own queue's causes (the watcher's
 * {@link Sample#queueWaitCauses()}): a low-priority queue's jobs wait behind a higher one while the
 * higher one holds the capacity, which is not why the higher one's jobs wait. Pure: no clock, no I/O.
 *
 * @param all every job of the run, each split by its own queue's causes (no spans: each queue has its own);
 *     null when no job started
 * @param byQueue one breakdown per queue whose jobs started, in the order of the run's groups
 */
public record WaitsByQueue(WaitBreakdown all, List<WaitBreakdown> byQueue) {

  public WaitsByQueue {
    byQueue = List.copyOf(byQueue);
  }

  /** Empty for a run to one queue (its {@link WaitBreakdown#of(List, List)} stays as it is). */
  public static Optional<WaitsByQueue> of(RunRecord run, List<JobAttempt> attempts, List<Sample> samples) {
    if (run.queues().size() < 2) {
      return Optional.empty();
    }
    Map<String, List<JobAttempt>> byQueue = GroupSplit.attemptsBy(run, attempts, JobGroup::queue);
    Map<String, String> queueOfJob = new HashMap<>();
    byQueue.forEach((queue, jobs) -> jobs.forEach(job -> queueOfJob.put(job.jobId(), queue)));
    List<JobAttempt> own = byQueue.values().stream().flatMap(List::stream).toList();
    WaitBreakdown all = WaitBreakdown.of(null, own, samples,
        (job, sample) -> sample.queueWaitCauses().get(queueOfJob.get(job.jobId())), null).orElse(null);
    List<WaitBreakdown> queues = byQueue.entrySet().stream()
        .flatMap(e -> WaitBreakdown.of(e.getKey(), e.getValue(), samples,
            (job, sample) -> sample.queueWaitCauses().get(e.getKey()),
            sample -> sample.queueWaitCauses().get(e.getKey())).stream())
        .toList();
    return Optional.of(new WaitsByQueue(all, queues));
  }
}
