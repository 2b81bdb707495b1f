package batchlab.run;

import java.util.Objects;

/**
 * Why a queue's RUNNABLE jobs waited at one poll: the head job's statusReason when Batch set one,
 * otherwise what the compute environments show, or, on a run over several queues, a higher-priority
 * queue holding the capacity.
 *
 * @param kind the cause
 * @param headJob the job at the front of the queue (GetJobQueueSnapshot), its name when it is one
 *     of the run's jobs, else its ARN; null when the snapshot was not available
 * @param statusReason the head job's statusReason (for {@link Kind#STATUS_REASON}), else null
 * @param maxVcpus the compute environments' maxvCpus, summed, at that poll
 * @param aheadQueue the higher-priority queue served first (for {@link Kind#BEHIND_QUEUE}), as the run names it
 * @param aheadPriority that queue's priority (for {@link Kind#BEHIND_QUEUE})
 */
public record WaitCause(Kind kind, String headJob, String statusReason, int maxVcpus, String aheadQueue,
    Integer aheadPriority) {

  public enum Kind {
    /** The head job carries a statusReason (a misconfiguration, a capacity shortage). */
    STATUS_REASON,
    /** desiredvCpus is above the vCPUs registered so far: instances are booting. */
    INSTANCES_BOOTING,
    /** A higher-priority queue on the same compute environment has jobs waiting or holds the full capacity. */
    BEHIND_QUEUE,
    /** desiredvCpus has reached maxvCpus and every registered vCPU is busy. */
    AT_MAX_VCPUS,
    /** None of the above: registered capacity is free, the scheduler has not placed the jobs yet. */
    SCHEDULING
  }

  public WaitCause {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.BEHIND_QUEUE && (aheadQueue == null || aheadPriority == null)) {
      throw new IllegalArgumentException("a wait behind a queue names the queue and its priority");
    }
  }

  /** A cause that no other queue is part of. */
  public WaitCause(Kind kind, String headJob, String statusReason, int maxVcpus) {
    this(kind, headJob, statusReason, maxVcpus, null, null);
  }

  /** Waiting behind {@code queue} (priority {@code priority}), which the scheduler serves first. */
  public static WaitCause behind(String headJob, int maxVcpus, String queue, int priority) {
    return new WaitCause(Kind.BEHIND_QUEUE, headJob, null, maxVcpus, queue, priority);
  }

  /**
   * Words that finish "jobs waited N s ...", e.g. "for instances to boot", "at maxvCpus 4",
   * "behind queue urgent (priority 10)".
   */
  public String describe() {
    return switch (kind) {
      case STATUS_REASON -> "blocked: " + statusReason;
      case INSTANCES_BOOTING -> "for instances to boot";
      case BEHIND_QUEUE -> "behind queue " + aheadQueue + " (priority " + aheadPriority + ")";
      case AT_MAX_VCPUS -> "at maxvCpus " + maxVcpus;
      case SCHEDULING -> "for the scheduler to place them";
    };
  }
}
