package batchlab.run;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one poll of the watcher saw: jobs per state, the compute environments' registered container
 * instances, and their desiredvCpus.
 *
 * @param time when the poll happened, on the server's clock when the server said (HTTP Date header)
 * @param counts jobs per state (every state present, zero when none)
 * @param instances ECS container instances registered in the compute environments' clusters
 * @param desiredVcpus the compute environments' desiredvCpus, summed
 * @param waitCause why RUNNABLE jobs waited at this poll; null when none waited
 */
public record Sample(Instant time, Map<JobState, Integer> counts, int instances, int desiredVcpus, WaitCause waitCause) {

  public Sample {
    Objects.requireNonNull(time, "time");
    counts = JobState.completeCounts(counts);
  }

  public Sample(Instant time, Map<JobState, Integer> counts, int instances, int desiredVcpus) {
    this(time, counts, instances, desiredVcpus, null);
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
