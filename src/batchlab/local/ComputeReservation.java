package batchlab.local;

/**
 * FairsharePolicy computeReservation (API Reference): "The reserved ratio is
 * (computeReservation/100)^ActiveFairShares" of the maximum vCPUs, kept for shares that are not
 * active yet. The emulator holds it back from the queue's own jobs: the queue's dispatched and
 * promised vCPUs stay within maxvCpus (of its ENABLED compute environments) minus the reserve.
 */
final class ComputeReservation {

  private ComputeReservation() {}

  /** The vCPUs held back for inactive shares, now. */
  static double reservedVcpus(JobQueue queue, long now) {
    SchedulingPolicy.Fairshare policy = queue.policy.fairshare;
    if (policy.computeReservation() == 0) {
      return 0;
    }
    int active = queue.shares.activeShares(now, policy.shareDecaySeconds());
    return maxVcpus(queue) * Math.pow(policy.computeReservation() / 100.0, active);
  }

  /** Whether {@code vcpus} more fit beside the {@code committed} vCPUs without touching the reserve. */
  static boolean admits(JobQueue queue, long now, int committed, int vcpus) {
    return committed + vcpus <= maxVcpus(queue) - reservedVcpus(queue, now) + 1e-9;
  }

  /** vCPUs of the queue's jobs on instances plus those promised capacity on booting ones. */
  static int committedVcpus(JobQueue queue) {
    int vcpus = queue.shares.currentVcpus();
    for (Job job : queue.runnable) {
      if (job.reservation != null) {
        vcpus += job.spec.resources().vcpus();
      }
    }
    return vcpus;
  }

  private static int maxVcpus(JobQueue queue) {
    int max = 0;
    for (ComputeEnvironment ce : queue.computeEnvironments) {
      if (ce.enabled()) {
        max += ce.maxvCpus;
      }
    }
    return max;
  }
}
