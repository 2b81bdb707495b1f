package batchlab.local;

import batchlab.batch.InstanceType;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One EC2 instance of a managed compute environment, as both Batch (capacity) and ECS (container
 * instance) see it. Mutated only by the scheduler under the emulator's lock.
 */
final class Instance {

  enum State { BOOTING, ACTIVE, TERMINATED }

  final long seq;
  final String ec2InstanceId;
  final String containerInstanceArn;
  final InstanceType type;
  final boolean spot;
  final long launchedAt;
  final ComputeEnvironment environment;

  State state = State.BOOTING;
  long registeredAt;
  long terminatedAt;
  int usedVcpus;
  int usedMemoryMiB;
  /** Capacity promised to RUNNABLE jobs while the instance boots, so one boot is not launched twice. */
  int reservedVcpus;
  int reservedMemoryMiB;
  /** Jobs placed here (STARTING or RUNNING). */
  final Set<Job> jobs = new LinkedHashSet<>();
  /** RUNNABLE jobs promised room on this instance while it boots. */
  final Set<Job> promised = new LinkedHashSet<>();
  /**
   * Launched with settings an infrastructure update replaced: it takes no new jobs and is terminated
   * as soon as its jobs are gone (User Guide, "Perform infrastructure updates").
   */
  boolean outdated;
  /** Bumped whenever the instance gets work or its idle check is re-timed, so a stale check can tell. */
  long idleToken;
  /** Since when the instance has had no job: its registration, or the end of its last job. */
  long idleSince;
  /** Whether a job has ever been placed here (the scaling policy's delay applies only then). */
  boolean ranAJob;

  Instance(long seq, String ec2InstanceId, String containerInstanceArn, InstanceType type, boolean spot,
      long launchedAt, ComputeEnvironment environment) {
    this.seq = seq;
    this.ec2InstanceId = ec2InstanceId;
    this.containerInstanceArn = containerInstanceArn;
    this.type = type;
    this.spot = spot;
    this.launchedAt = launchedAt;
    this.environment = environment;
  }

  int freeVcpus() {
    return type.vcpus() - usedVcpus;
  }

  int freeMemoryMiB() {
    return type.usableMemoryMiB() - usedMemoryMiB;
  }

  boolean fits(Resources need) {
    return need.vcpus() <= freeVcpus() && need.memoryMiB() <= freeMemoryMiB();
  }

  /** Whether a booting instance still has unpromised room for {@code need}. */
  boolean hasUnreservedRoom(Resources need) {
    return need.vcpus() <= type.vcpus() - reservedVcpus
        && need.memoryMiB() <= type.usableMemoryMiB() - reservedMemoryMiB;
  }

  boolean live() {
    return state != State.TERMINATED;
  }

  boolean idle() {
    return state == State.ACTIVE && jobs.isEmpty();
  }
}
