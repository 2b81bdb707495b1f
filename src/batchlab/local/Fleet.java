package batchlab.local;

import batchlab.batch.InstanceType;
import java.time.Duration;
import java.util.List;

/**
 * The instances of the compute environments: launches (for minvCpus, a requested desiredvCpus or
 * RUNNABLE jobs), boot until the ECS agent registers, capacity promised to jobs while booting,
 * idle scale-in and spot reclaims.
 */
final class Fleet {

  /** What happens to a job whose host went away (a spot reclaim): its attempt fails with the reason. */
  @FunctionalInterface
  interface HostLoss {
    void lost(Job job, String statusReason);
  }

  private final EventLoop loop;
  private final Timings timings;
  private final Faults faults;
  private final CapacityPool pool;
  private final Ids ids;
  private final Arns arns;
  private final HostLoss hostLoss;
  private long instanceSeq;

  Fleet(EventLoop loop, Timings timings, Faults faults, CapacityPool pool, Ids ids, Arns arns, HostLoss hostLoss) {
    this.loop = loop;
    this.timings = timings;
    this.faults = faults;
    this.pool = pool;
    this.ids = ids;
    this.arns = arns;
    this.hostLoss = hostLoss;
  }

  /**
   * Applies a compute environment's capacity settings: launches instances up to minvCpus (kept even
   * when the environment is DISABLED: API Reference, ComputeResource.minvCpus) and, when ENABLED, up
   * to an explicitly requested desiredvCpus; re-times idle instances (minvCpus or the delay may have
   * changed).
   */
  void environmentChanged(ComputeEnvironment ce, Integer requestedDesired) {
    int requested = ce.enabled() && requestedDesired != null ? requestedDesired : 0;
    int target = Math.max(ce.minvCpus, requested);
    List<InstanceType> cheapestFirst = ce.instanceTypes.stream().sorted(InstanceCost.BY_COST_PER_VCPU).toList();
    while (ce.desiredvCpus < target) {
      InstanceType type = cheapestFirst.stream().filter(pool::canLaunch).findFirst().orElse(null);
      if (type == null) {
        break; // EC2 has none left; the environment stays below its target
      }
      launch(ce, type);
    }
    for (Instance instance : ce.liveInstances.values()) {
      if (instance.idle()) {
        scheduleIdleCheck(instance);
      }
    }
    loop.markDirty();
  }

  /** A booting instance of the queue's environments with unpromised room for {@code need}, or null. */
  Instance bootingRoomFor(JobQueue queue, Resources need) {
    return CapacityPlanner.firstFromEnabled(queue, ce -> ce.bootingRoomFor(need));
  }

  /** Launches the type the first environment that may grow would launch for {@code need}, or null. */
  Instance launchFor(JobQueue queue, Resources need) {
    return CapacityPlanner.firstFromEnabled(queue, ce -> {
      InstanceType type = CapacityPlanner.launchableType(ce, need, ce.desiredvCpus, pool);
      return type == null ? null : launch(ce, type);
    });
  }

  /**
   * After {@link #launchFor} found nothing: the type the first environment would have launched if
   * EC2 had it, when every ENABLED environment that can hold the job is short of capacity (not
   * merely at maxvCpus); null when the job simply waits for maxvCpus.
   */
  InstanceType shortOfCapacity(JobQueue queue, Resources need) {
    InstanceType wanted = null;
    for (ComputeEnvironment ce : queue.computeEnvironments) {
      if (ce.enabled() && ce.someTypeHolds(need)) {
        InstanceType type = CapacityPlanner.launchableType(ce, need, ce.desiredvCpus, CapacityPool.UNLIMITED);
        if (type == null) {
          return null;
        }
        wanted = wanted == null ? type : wanted;
      }
    }
    return wanted;
  }

  private Instance launch(ComputeEnvironment ce, InstanceType type) {
    String ecsId = ids.hex(32);
    Instance instance = new Instance(instanceSeq++, "i-" + ids.hex(17),
        arns.ecs("container-instance/" + ce.ecsClusterName() + "/" + ecsId), type, ce.spot, loop.now(), ce);
    ce.addBooting(instance);
    loop.after(timings.instanceBoot(), () -> instanceReady(instance));
    return instance;
  }

  /** Promises room on a booting instance to a RUNNABLE job. */
  void reserve(Job job, Instance instance) {
    job.reservation = instance;
    job.queue.unplanned.remove(job);
    instance.environment.reserve(instance, job.spec.resources());
    instance.promised.add(job);
  }

  void dropReservation(Job job) {
    Instance instance = job.reservation;
    if (instance != null) {
      job.reservation = null;
      instance.promised.remove(job);
      instance.environment.unreserve(instance, job.spec.resources());
    }
  }

  /** The ECS agent registered: the instance takes jobs; its promises go back to the queue. */
  private void instanceReady(Instance instance) {
    if (!instance.live()) {
      return;
    }
    instance.registeredAt = loop.now();
    instance.idleSince = instance.registeredAt;
    instance.environment.markReady(instance);
    for (Job job : List.copyOf(instance.promised)) {
      dropReservation(job);
      if (job.status == JobStatus.RUNNABLE) {
        job.queue.unplanned.add(job);
      }
    }
    scheduleIdleCheck(instance);
    if (instance.spot && faults.spotInterruptionRate() > 0) {
      double hours = -Math.log(1 - ids.nextDouble()) / faults.spotInterruptionRate();
      loop.at(ClockMath.plus(loop.now(), (long) (hours * 3_600_000L)), () -> reclaim(instance));
    }
    loop.markDirty();
  }

  /**
   * An infrastructure update (User Guide, "Perform infrastructure updates"): every instance launched
   * so far is retired. New jobs go to new instances with the new settings; idle and booting old ones are
   * terminated now, busy ones as soon as their jobs end. Jobs still running on them are stopped (their
   * host is terminated, so the retry strategy decides) at once with {@code terminateJobs}, else after
   * {@code jobTimeout}. Draining instances count against maxvCpus until they are gone.
   */
  void replaceInstances(ComputeEnvironment ce, boolean terminateJobs, Duration jobTimeout) {
    for (Instance instance : List.copyOf(ce.liveInstances.values())) {
      ce.retire(instance);
      for (Job job : List.copyOf(instance.promised)) {
        dropReservation(job);
        if (job.status == JobStatus.RUNNABLE) {
          job.queue.unplanned.add(job);
        }
      }
      if (instance.jobs.isEmpty()) {
        ce.terminate(instance, loop.now());
      } else if (terminateJobs) {
        stopJobs(instance);
      } else {
        loop.after(jobTimeout, () -> stopJobs(instance));
      }
    }
    loop.markDirty();
  }

  /** Terminates an instance's host under its jobs; the last one to end terminates the instance. */
  private void stopJobs(Instance instance) {
    if (!instance.live()) {
      return;
    }
    String reason = hostTerminated(instance);
    for (Job job : List.copyOf(instance.jobs)) {
      hostLoss.lost(job, reason);
    }
    loop.markDirty();
  }

  private static String hostTerminated(Instance instance) {
    return "Host EC2 (instance " + instance.ec2InstanceId + ") terminated.";
  }

  /**
   * Scale-in: an instance idle for the scale-down delay, counted from the end of its last job, is
   * terminated unless that would take the environment below minvCpus (API Reference,
   * ComputeScalingPolicy; ComputeResource.minvCpus). The scaling policy's delay does not apply to
   * an instance that has not yet run a job: it goes after the emulator's default delay. Calling
   * this again re-times the check (a changed delay), replacing the one already scheduled.
   */
  void scheduleIdleCheck(Instance instance) {
    long token = ++instance.idleToken;
    ComputeEnvironment ce = instance.environment;
    if (instance.outdated) {
      // Replaced by an infrastructure update: no scale-down delay, no minvCpus floor (ComputeScalingPolicy).
      if (instance.idle()) {
        ce.terminate(instance, loop.now());
        loop.markDirty();
      }
      return;
    }
    Duration delay = ce.scaleDownDelay != null && instance.ranAJob ? ce.scaleDownDelay : timings.scaleDown();
    loop.at(Math.max(loop.now(), instance.idleSince + delay.toMillis()), () -> {
      if (instance.idle() && instance.idleToken == token && ce.desiredvCpus - instance.type.vcpus() >= ce.minvCpus) {
        ce.terminate(instance, loop.now());
        loop.markDirty();
      }
    });
  }

  /** A spot reclaim: the host goes away and fails every attempt on it (User Guide, spot). */
  private void reclaim(Instance instance) {
    if (!instance.live()) {
      return;
    }
    ComputeEnvironment ce = instance.environment;
    List<Job> victims = List.copyOf(instance.jobs);
    ce.terminate(instance, loop.now());
    String reason = hostTerminated(instance);
    for (Job job : victims) {
      hostLoss.lost(job, reason);
    }
    loop.markDirty();
  }
}
