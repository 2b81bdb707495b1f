package batchlab.batch;

/**
 * An EC2 instance type as AWS Batch sees it: vCPUs and the memory a job can actually be given.
 *
 * <p>Usable memory follows the AWS Batch User Guide, "Compute resource memory management": the OS
 * reports less than the nominal memory (an m4.large with 8 GiB reports 7985 MiB, i.e. 207 MiB per
 * 8 GiB), and the Batch AMI reserves a further 32 MiB for the agent (ECS_RESERVED_MEMORY), which the
 * ECS agent leaves out of what it registers (ECS Developer Guide, "Reserving Amazon ECS Linux
 * container instance memory"). {@link #usableMemoryMiB()} is that one figure: what jobs can be given,
 * and what ECS shows as the instance's registered MEMORY. A job asking for the nominal memory of a
 * type can therefore never be placed on it.
 */
public record InstanceType(String name, int vcpus, int memoryMiB) {

  /** OS/kernel share the ECS agent does not register, scaled from the documented m4.large example. */
  static final double OS_RESERVED_FRACTION = 207.0 / 8192.0;

  /** Memory the Batch-optimised ECS AMI keeps back for the agent (User Guide, memory management). */
  public static final int ECS_RESERVED_MIB = 32;

  public InstanceType {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("instance type name must not be blank");
    }
    if (vcpus < 1 || memoryMiB < 1) {
      throw new IllegalArgumentException(
          "instance type " + name + " needs positive vCPUs and memory, got " + vcpus + " vCPU / " + memoryMiB + " MiB");
    }
  }

  /** Memory the OS of an instance of this type reports (Docker's ReadMemInfo). */
  int osMemoryMiB() {
    return memoryMiB - (int) Math.round(memoryMiB * OS_RESERVED_FRACTION);
  }

  /**
   * Memory that jobs placed on one instance of this type can use in total: what the OS reports
   * less the 32 MiB reserved for the agent, which is also the MEMORY the ECS agent registers.
   */
  public int usableMemoryMiB() {
    return osMemoryMiB() - ECS_RESERVED_MIB;
  }

  /** Whether one job of this size fits on an otherwise empty instance of this type. */
  public boolean canHold(int jobVcpus, int jobMemoryMiB) {
    return jobVcpus <= vcpus && jobMemoryMiB <= usableMemoryMiB();
  }

  /** How many jobs of this size one instance runs at once (vCPU and memory both bin-packed). */
  public int jobsPerInstance(int jobVcpus, int jobMemoryMiB) {
    if (!canHold(jobVcpus, jobMemoryMiB)) {
      return 0;
    }
    return Math.min(vcpus / jobVcpus, usableMemoryMiB() / Math.max(1, jobMemoryMiB));
  }
}
