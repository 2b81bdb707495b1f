package batchlab.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The order a fair-share queue dispatches its RUNNABLE jobs in (User Guide, "Fair-share
 * scheduling"): the next job comes from the share with the lowest weighted usage (usage times the
 * share's weightFactor, see {@link ShareUsage}), within a share the highest schedulingPriority
 * first, then submission order. Each job taken is counted as dispatched, so its share's usage grows
 * by its vCPUs before the next choice: the scheduler places jobs in this order and the queue
 * snapshot lists it, one rule for both.
 */
final class FairShareOrder {

  /** Within a share: higher schedulingPriority first, then FIFO. */
  static final Comparator<Job> WITHIN_SHARE =
      Comparator.comparingInt((Job j) -> -j.spec.schedulingPriority()).thenComparingLong(j -> j.seq);

  private record Line(String share, double weight, PriorityQueue<Job> jobs, double[] usage) {}

  private final List<Line> lines = new ArrayList<>();

  FairShareOrder(JobQueue queue, long now) {
    SchedulingPolicy.Fairshare policy = queue.policy.fairshare;
    Map<String, Line> byShare = new HashMap<>();
    for (Job job : queue.runnable) {
      String share = job.spec.shareIdentifier();
      byShare.computeIfAbsent(share, id -> {
        double usage = queue.shares.usage(queue.shares.share(id), now, policy.shareDecaySeconds());
        Line line = new Line(id, policy.weightOf(id), new PriorityQueue<>(WITHIN_SHARE), new double[] {usage});
        lines.add(line);
        return line;
      }).jobs().add(job);
    }
  }

  /** The next job in dispatch order (counted as dispatched), or null when no RUNNABLE job is left. */
  Job next() {
    Line best = null;
    for (Line line : lines) {
      if (line.jobs().isEmpty()) {
        continue;
      }
      if (best == null || before(line, best)) {
        best = line;
      }
    }
    if (best == null) {
      return null;
    }
    Job job = best.jobs().poll();
    best.usage()[0] += job.spec.resources().vcpus();
    return job;
  }

  /** The lower weighted usage wins; on a tie, the share whose next job was submitted first. */
  private static boolean before(Line a, Line b) {
    int byUsage = Double.compare(a.usage()[0] * a.weight(), b.usage()[0] * b.weight());
    return byUsage != 0 ? byUsage < 0 : a.jobs().peek().seq < b.jobs().peek().seq;
  }

  /** The first {@code limit} jobs in dispatch order (GetJobQueueSnapshot's frontOfQueue). */
  static List<Job> front(JobQueue queue, long now, int limit) {
    FairShareOrder order = new FairShareOrder(queue, now);
    List<Job> jobs = new ArrayList<>();
    Job job;
    while (jobs.size() < limit && (job = order.next()) != null) {
      jobs.add(job);
    }
    return jobs;
  }
}
