package batchlab.batch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a job can never be placed in a queue: the MISCONFIGURATION reasons of the User Guide's "Jobs
 * stuck in a RUNNABLE status" (and CDK's JobStateTimeLimitActionsReason), decided in one place for the
 * emulator's blocked head job and the client's preflight warning.
 *
 * <p>The rule, over the queue's ENABLED compute environments (none enabled: the job only waits):
 * <ol>
 *   <li>COMPUTE_ENVIRONMENT_MAX_RESOURCE when the job needs more vCPUs than every environment's
 *       maxvCpus ("all compute environments have a maxvCpus parameter that is smaller than the job
 *       requirements"); checked first, so a job that is also too big for every instance type gets
 *       this reason;
 *   <li>JOB_RESOURCE_REQUIREMENT when no allowed instance type can hold its vCPUs and memory ("none
 *       of the compute environments have instances that meet the job requirements");
 *   <li>COMPUTE_ENVIRONMENT_MAX_RESOURCE when every type that holds it is larger than its
 *       environment's maxvCpus and the allocation strategy may not go over maxvCpus by an instance
 *       (API Reference, ComputeResource.maxvCpus): nothing can ever be launched for it.
 * </ol>
 * AWS does not say which reason wins when both apply; checking maxvCpus first is this project's choice.
 */
public enum Misconfiguration {

  COMPUTE_ENVIRONMENT_MAX_RESOURCE("CE(s) associated with the job queue cannot meet the CPU requirement of the job."),
  JOB_RESOURCE_REQUIREMENT("The job resource requirement (vCPU/memory/GPU) is higher than that can be met by the "
      + "CE(s) attached to the job queue.");

  private final String message;

  Misconfiguration(String message) {
    this.message = message;
  }

  /** The reason as a queue's jobStateTimeLimitActions names it, e.g. {@code MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT}. */
  public String reason() {
    return "MISCONFIGURATION:" + name();
  }

  /** The statusReason ListJobs and DescribeJobs show while the job blocks its queue (User Guide wording). */
  public String statusReason() {
    return reason() + " - " + message;
  }

  /** What the rule needs of one ENABLED EC2 or SPOT compute environment. */
  public record Environment(int maxvCpus, List<InstanceType> instanceTypes, AllocationStrategy strategy, boolean spot) {
    public Environment {
      instanceTypes = List.copyOf(instanceTypes);
      Objects.requireNonNull(strategy, "strategy");
    }

    boolean holds(int vcpus, int memoryMiB) {
      return instanceTypes.stream().anyMatch(t -> t.canHold(vcpus, memoryMiB));
    }

    /** Whether an instance that holds the job may ever be launched, starting from no instances. */
    boolean canLaunchFor(int vcpus, int memoryMiB) {
      if (maxvCpus < vcpus) {
        return false;
      }
      boolean overshoot = strategy.mayExceedMaxVcpus(spot) && maxvCpus > 0;
      return instanceTypes.stream().anyMatch(t -> t.canHold(vcpus, memoryMiB) && (t.vcpus() <= maxvCpus || overshoot));
    }
  }

  /** Why a job of this size can never run on these ENABLED environments; empty when it only has to wait. */
  public static Optional<Misconfiguration> of(int vcpus, int memoryMiB, List<Environment> enabled) {
    if (enabled.isEmpty()) {
      return Optional.empty();
    }
    if (enabled.stream().allMatch(e -> e.maxvCpus() < vcpus)) {
      return Optional.of(COMPUTE_ENVIRONMENT_MAX_RESOURCE);
    }
    if (enabled.stream().noneMatch(e -> e.holds(vcpus, memoryMiB))) {
      return Optional.of(JOB_RESOURCE_REQUIREMENT);
    }
    if (enabled.stream().noneMatch(e -> e.canLaunchFor(vcpus, memoryMiB))) {
      return Optional.of(COMPUTE_ENVIRONMENT_MAX_RESOURCE);
    }
    return Optional.empty();
  }
}
