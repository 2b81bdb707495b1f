package batchlab.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A job queue and its job indexes: RUNNABLE jobs in FIFO (submission) order, the subset not yet
 * promised capacity on a booting instance, and every top-level job by status for ListJobs.
 */
final class JobQueue {

  /** Submission order (plain comparison: this runs for every queue insert and removal). */
  static final Comparator<Job> FIFO = (a, b) -> Long.compare(a.seq, b.seq);

  final String name;
  final String arn;
  final long createdSeq;
  final Map<String, String> tags;
  String state;
  int priority;
  /** The fair-share scheduling policy, or null for a FIFO queue (a FIFO queue cannot gain one). */
  SchedulingPolicy policy;
  /** Fair-share queues only: what each share has used. */
  ShareUsage shares;
  /** Compute environments in ascending {@code order}: placement prefers the first. */
  List<ComputeEnvironment> computeEnvironments = new ArrayList<>();
  List<Integer> computeEnvironmentOrders = new ArrayList<>();
  List<TimeLimitAction> timeLimitActions = new ArrayList<>();

  final TreeSet<Job> runnable = new TreeSet<>(FIFO);
  final TreeSet<Job> unplanned = new TreeSet<>(FIFO);
  /** Top-level jobs (array children excluded, as ListJobs by queue shows them) by seq. */
  final TreeMap<Long, Job> all = new TreeMap<>();
  final EnumMap<JobStatus, TreeMap<Long, Job>> byStatus = new EnumMap<>(JobStatus.class);
  /**
   * When the RUNNABLE line last changed ahead of a position: the seq of a job that entered or left
   * it, to the time. Kept so that seqs and times both ascend (a change dominates every older one
   * behind it), so it stays small.
   */
  private final TreeMap<Long, Long> lineChanges = new TreeMap<>();

  JobQueue(String name, String arn, long createdSeq, Map<String, String> tags) {
    this.name = name;
    this.arn = arn;
    this.createdSeq = createdSeq;
    this.tags = tags;
    for (JobStatus status : JobStatus.values()) {
      byStatus.put(status, new TreeMap<>());
    }
  }

  boolean fairShare() {
    return policy != null;
  }

  boolean enabled() {
    return "ENABLED".equals(state);
  }

  /** {@code job} entered or left the RUNNABLE line at {@code at}: every job behind it moved. */
  void lineChanged(Job job, long at) {
    lineChanges.tailMap(job.seq, true).clear();
    lineChanges.put(job.seq, at);
  }

  /**
   * GetJobQueueSnapshot's earliestTimeAtPosition: when the RUNNABLE {@code job} took its current
   * place in the line, i.e. the later of when it became RUNNABLE and when a job ahead of it last
   * left (or a retried one re-entered).
   */
  long earliestTimeAtPosition(Job job) {
    Map.Entry<Long, Long> ahead = lineChanges.lowerEntry(job.seq);
    return ahead == null ? job.runnableSince : Math.max(job.runnableSince, ahead.getValue());
  }
}
