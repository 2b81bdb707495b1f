package batchlab.run;

import java.util.Objects;

/**
 * Why a queue's RUNNABLE jobs waited at one poll: the head job's statusReason when Batch set one,
 * otherwise what the compute environments show.
 *
 * @param kind the cause
 * @param headJob the job at the front of the queue (GetJobQueueSnapshot), its name when it is one
 *     of the run's jobs, else its ARN; null when the snapshot was not available
 * @param statusReason the head job's statusReason (for {@link Kind#STATUS_REASON}), else null
 * @param maxVcpus the compute environments' maxvCpus, summed, at that poll
 */
public record WaitCause(Kind kind, String headJob, String statusReason, int maxVcpus) {

  public enum Kind {
    /** The head job carries a statusReason (a misconfiguration, a capacity shortage). */
    STATUS_REASON,
    /** desiredvCpus is above the vCPUs registered so far: instances are booting. */
    INSTANCES_BOOTING,
    /** desiredvCpus has reached maxvCpus and every registered vCPU is busy. */
    AT_MAX_VCPUS,
    /** None of the above: registered capacity is free, the scheduler has not placed the jobs yet. */
    SCHEDULING
  }

  public WaitCause {
    Objects.requireNonNull(kind, "kind");
  }

  /** Words that finish "jobs waited N s ...", e.g. "for instances to boot", "at maxvCpus 4". */
  public String describe() {
    return switch (kind) {
      case STATUS_REASON -> "blocked: " + statusReason;
      case INSTANCES_BOOTING -> "for instances to boot";
      case AT_MAX_VCPUS -> "at maxvCpus " + maxVcpus;
      case SCHEDULING -> "for the scheduler to place them";
    };
  }
}
