package batchlab.local;

import batchlab.batch.InstanceType;

/**
 * The AWS Batch scheduling model, put together: the {@link EventLoop} on the virtual clock, the
 * {@link Fleet} of instances, the {@link JobLifecycle} of each job and the scheduling pass that
 * joins them. Not thread-safe: {@link Simulation} serialises every call.
 *
 * <p>The rules and their AWS sources are listed in README.md ("The local AWS Batch emulator"); the
 * pass in short:
 * <ul>
 *   <li>Queues are evaluated in descending priority; within a queue jobs are placed strictly FIFO
 *       (User Guide, "Job scheduling": the default scheduler is first-in, first-out), so the head
 *       job that does not fit makes the jobs behind it wait. A queue with a fair-share scheduling
 *       policy places them in {@link FairShareOrder} instead, keeping its {@link ComputeReservation}.
 *   <li>A job is placed on a ready instance of the queue's first compute environment (in
 *       computeEnvironmentOrder) that has room for its vCPUs and memory, best fit first.
 *   <li>RUNNABLE jobs without room get instances launched for them, from the allowed types by the
 *       allocation strategy ({@link CapacityPlanner}), never beyond maxvCpus except the one-instance
 *       overshoot AWS documents for BEST_FIT_PROGRESSIVE, the SPOT_* strategies and BEST_FIT on spot.
 *   <li>A head job no allowed type (or no maxvCpus) can ever hold blocks its queue with the
 *       documented MISCONFIGURATION statusReason ({@link batchlab.batch.Misconfiguration}); the queue's
 *       jobStateTimeLimitActions cancel it. The block is re-evaluated on every pass and clears once
 *       the environment is fixed.
 * </ul>
 */
final class Scheduler {

  private final Registry registry;
  private final EventLoop loop;
  private final Fleet fleet;
  private final JobLifecycle lifecycle;

  Scheduler(VirtualClock clock, Registry registry, Timings timings, Faults faults, CapacityLimits capacity, Ids ids,
      Arns arns) {
    this.registry = registry;
    this.loop = new EventLoop(clock);
    this.fleet = new Fleet(loop, timings, faults, new CapacityPool(capacity, registry), ids, arns, this::hostLost);
    this.lifecycle = new JobLifecycle(loop, registry, fleet, timings, ids, arns);
    loop.onDirty(this::pass);
  }

  private void hostLost(Job job, String reason) {
    lifecycle.hostLost(job, reason);
  }

  // ---------------------------------------------------------------- time

  long now() {
    return loop.now();
  }

  long nextEventTime() {
    return loop.nextEventTime();
  }

  void runUntil(long target) {
    loop.runUntil(target);
  }

  void runInstant(long instant) {
    loop.runInstant(instant);
  }

  /** Something changed (a queue or environment setting) that may let jobs be placed or instances launched. */
  void markDirty() {
    loop.markDirty();
  }

  // ---------------------------------------------------------------- what the API asks for

  /** Jobs (including array parents) not yet SUCCEEDED or FAILED. */
  int activeJobs() {
    return lifecycle.activeJobs();
  }

  void submit(Job job) {
    lifecycle.submit(job);
  }

  void cancel(Job job, String reason) {
    lifecycle.cancel(job, reason);
  }

  void terminate(Job job, String reason) {
    lifecycle.terminate(job, reason);
  }

  void environmentChanged(ComputeEnvironment ce, Integer requestedDesired) {
    fleet.environmentChanged(ce, requestedDesired);
  }

  /** An infrastructure update: the environment's instances are replaced as they drain. */
  void replaceInstances(ComputeEnvironment ce, boolean terminateJobs, java.time.Duration jobTimeout) {
    fleet.replaceInstances(ce, terminateJobs, jobTimeout);
  }

  /** A compute environment goes away (DeleteComputeEnvironment, a stack update's clean-up): hosts and jobs with it. */
  void removeInstances(ComputeEnvironment ce) {
    fleet.replaceInstances(ce, true, java.time.Duration.ZERO);
  }

  /** Runs {@code action} on the virtual clock after {@code delay} (stack operations take time too). */
  void after(java.time.Duration delay, Runnable action) {
    loop.after(delay, action);
  }

  // ---------------------------------------------------------------- the scheduling pass

  private void pass() {
    for (JobQueue queue : registry.queuesByPriority()) {
      placeRunnable(queue);
    }
    for (JobQueue queue : registry.queuesByPriority()) {
      planCapacity(queue);
    }
  }

  /**
   * Places RUNNABLE jobs on ready instances in dispatch order (FIFO, or {@link FairShareOrder} with
   * the {@link ComputeReservation} held back) until the next job does not fit.
   */
  private void placeRunnable(JobQueue queue) {
    FairShareOrder fairShare = queue.fairShare() ? new FairShareOrder(queue, loop.now()) : null;
    while (!queue.runnable.isEmpty()) {
      Job head = fairShare == null ? queue.runnable.first() : fairShare.next();
      Resources need = head.spec.resources();
      if (fairShare != null && !ComputeReservation.admits(queue, loop.now(), queue.shares.currentVcpus(), need.vcpus())) {
        return;
      }
      Instance instance = CapacityPlanner.firstFromEnabled(queue, ce -> ce.bestFit(need));
      if (instance != null) {
        lifecycle.place(head, instance);
        continue;
      }
      // Re-evaluated on every pass, so fixing the environment (maxvCpus, instance types) unblocks the head.
      String blocked = CapacityPlanner.misconfiguration(queue, need);
      if (blocked != null) {
        lifecycle.block(head, blocked);
      } else if (head.blockedReason != null
          && !CapacityPlanner.INSUFFICIENT_INSTANCE_CAPACITY.equals(head.blockedReason)) {
        lifecycle.unblock(head); // a capacity shortage is planCapacity's to clear
      }
      return;
    }
  }

  /**
   * Promises booting capacity to unplanned RUNNABLE jobs, launching instances when none is left,
   * in FIFO order until the compute environments cannot grow (maxvCpus) or the head is blocked.
   */
  private void planCapacity(JobQueue queue) {
    int committed = queue.fairShare() ? ComputeReservation.committedVcpus(queue) : 0;
    while (!queue.unplanned.isEmpty()) {
      Job job = queue.unplanned.first();
      Resources need = job.spec.resources();
      if (queue.fairShare() && !ComputeReservation.admits(queue, loop.now(), committed, need.vcpus())) {
        return; // no instances for capacity the reserve holds back
      }
      boolean waitsForCapacity = CapacityPlanner.INSUFFICIENT_INSTANCE_CAPACITY.equals(job.blockedReason);
      if (job.blockedReason != null && !waitsForCapacity) {
        return;
      }
      Instance instance = fleet.bootingRoomFor(queue, need);
      if (instance == null) {
        instance = fleet.launchFor(queue, need);
      }
      if (instance == null) {
        InstanceType wanted = fleet.shortOfCapacity(queue, need);
        if (wanted != null) {
          lifecycle.block(job, CapacityPlanner.INSUFFICIENT_INSTANCE_CAPACITY,
              CapacityPlanner.insufficientCapacityMessage(wanted));
        }
        return;
      }
      if (waitsForCapacity) {
        lifecycle.unblock(job);
      }
      fleet.reserve(job, instance);
      committed += need.vcpus();
    }
  }
}
