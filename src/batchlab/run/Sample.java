package batchlab.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one poll of the watcher saw: jobs per state, the compute environments' registered container
 * instances, and their desiredvCpus.
 *
 * @param time when the poll happened, on the server's clock when the server said (HTTP Date header)
 * @param counts jobs per state (every state present, zero when none), of the jobs the server described
 * @param instances ECS container instances registered in the compute environments' clusters
 * @param desiredVcpus the compute environments' desiredvCpus, summed
 * @param unknown watched jobs the server has not described (yet): in no state's count
 * @param waitCause why RUNNABLE jobs waited at this poll; null when none waited. On a run over several queues,
 *     the cause in the highest-priority queue with RUNNABLE jobs of the run
 * @param queueWaitCauses on a run over several queues, why each queue's RUNNABLE jobs waited, by the queue's name
 *     in the run ({@link JobGroup#queue()}), only queues with RUNNABLE jobs; empty for a run to one queue
 */
public record Sample(Instant time, Map<JobState, Integer> counts, int instances, int desiredVcpus, int unknown,
    WaitCause waitCause, Map<String, WaitCause> queueWaitCauses) {

  public Sample {
    Objects.requireNonNull(time, "time");
    counts = JobState.completeCounts(counts);
    if (unknown < 0) {
      throw new IllegalArgumentException("unknown jobs cannot be negative, got " + unknown);
    }
    queueWaitCauses = queueWaitCauses == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(queueWaitCauses));
  }

  /** A poll of a run to one queue. */
  public Sample(Instant time, Map<JobState, Integer> counts, int instances, int desiredVcpus, int unknown,
      WaitCause waitCause) {
    this(time, counts, instances, desiredVcpus, unknown, waitCause, Map.of());
  }

  /** A poll in which the server described every watched job and no wait cause was found. */
  public Sample(Instant time, Map<JobState, Integer> counts, int instances, int desiredVcpus) {
    this(time, counts, instances, desiredVcpus, 0, null);
  }

  /** A poll in which some watched jobs were not described, and no wait cause was found. */
  public Sample(Instant time, Map<JobState, Integer> counts, int instances, int desiredVcpus, int unknown) {
    this(time, counts, instances, desiredVcpus, unknown, null);
  }

  /** A poll in which the server described every watched job, with why RUNNABLE jobs waited. */
  public Sample(Instant time, Map<JobState, Integer> counts, int instances, int desiredVcpus, WaitCause waitCause) {
    this(time, counts, instances, desiredVcpus, 0, waitCause);
  }

  public int count(JobState state) {
    return counts.get(state);
  }

  public int running() {
    return count(JobState.RUNNING);
  }

  /** Jobs not yet in a final state. */
  public int active() {
    return counts.entrySet().stream().filter(e -> !e.getKey().isTerminal()).mapToInt(Map.Entry::getValue).sum();
  }
}
