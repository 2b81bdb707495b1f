package batchlab.local;

import batchlab.batch.InstanceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The AWS Batch scheduling model: job state transitions, queue evaluation, placement, scale-out and
 * scale-in, retries, timeouts, spot reclaims and queue time-limit actions, driven by an event queue
 * on the virtual clock. Not thread-safe: {@link Simulation} serialises every call.
 *
 * <p>The rules and their AWS sources are listed in README.md ("The local AWS Batch emulator"); the short version:
 * <ul>
 *   <li>Queues are evaluated in descending priority; within a queue jobs are placed strictly FIFO
 *       (User Guide, "Job scheduling": the default scheduler is first-in, first-out), so the head
 *       job that does not fit makes the jobs behind it wait.
 *   <li>A job is placed on a ready instance of the queue's first compute environment (in
 *       computeEnvironmentOrder) that has room for its vCPUs and memory, best fit first.
 *   <li>RUNNABLE jobs without room get instances launched for them, from the allowed types by the
 *       allocation strategy, never beyond maxvCpus except the one-instance overshoot AWS documents
 *       for BEST_FIT_PROGRESSIVE, the SPOT_* strategies and BEST_FIT on spot.
 *   <li>A head job no allowed type (or no maxvCpus) can ever hold blocks its queue with the
 *       documented MISCONFIGURATION statusReason; the queue's jobStateTimeLimitActions cancel it.
 * </ul>
 */
final class Scheduler {

  /** User Guide, "Jobs stuck in a RUNNABLE status": the statusReason shown while a head job blocks. */
  static final Map<String, String> BLOCKED_MESSAGES = Map.of(
      "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
      "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is higher "
          + "than that can be met by the CE(s) attached to the job queue.",
      "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
      "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot meet "
          + "the CPU requirement of the job.");

  static final String CANCELED_BY_TIME_LIMIT = "Canceled by JobStateTimeLimit action due to reason: ";
  static final String ESSENTIAL_CONTAINER_EXITED = "Essential container in task exited";
  static final String TIMEOUT_REASON = "Job attempt duration exceeded timeout";
  static final String DEPENDENCY_FAILED = "Dependent Job failed";

  private record Timed(long at, long seq, Runnable action) {}

  private final VirtualClock clock;
  private final Timings timings;
  private final Faults faults;
  private final Ids ids;
  private final Arns arns;
  private final PriorityQueue<Timed> events = new PriorityQueue<>(
      (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
  private long eventSeq;
  private long now;
  private boolean dirty;

  final Map<String, Job> jobsById = new HashMap<>();
  private final List<JobQueue> queues = new ArrayList<>();
  private long instanceSeq;
  private int activeJobs;

  Scheduler(VirtualClock clock, Timings timings, Faults faults, Ids ids, Arns arns) {
    this.clock = clock;
    this.timings = timings;
    this.faults = faults;
    this.ids = ids;
    this.arns = arns;
    this.now = clock.now();
  }

  // ---------------------------------------------------------------- time

  long now() {
    return now;
  }

  /** Jobs (including array parents) not yet SUCCEEDED or FAILED. */
  int activeJobs() {
    return activeJobs;
  }

  /** The time of the next scheduled event, or {@link Long#MAX_VALUE} when nothing is scheduled. */
  long nextEventTime() {
    Timed next = events.peek();
    return next == null ? Long.MAX_VALUE : next.at();
  }

  boolean hasWork() {
    return dirty || !events.isEmpty();
  }

  /** Processes every event due up to {@code target} (in time order) and moves the simulation there. */
  void runUntil(long target) {
    while (true) {
      Timed next = events.peek();
      if (next != null && next.at() <= target) {
        runInstant(next.at());
      } else if (dirty) {
        runInstant(now);
      } else {
        break;
      }
    }
    if (target > now) {
      now = target;
      clock.moveTo(now);
    }
  }

  /** Runs all events due at {@code instant} (in scheduling order), then one scheduling pass. */
  void runInstant(long instant) {
    if (instant > now) {
      now = instant;
      clock.moveTo(now);
    }
    Timed next;
    while ((next = events.peek()) != null && next.at() <= now) {
      events.poll().action().run();
    }
    if (dirty) {
      dirty = false;
      pass();
    }
  }

  private void at(long when, Runnable action) {
    events.add(new Timed(Math.max(when, now), eventSeq++, action));
  }

  private void after(java.time.Duration delay, Runnable action) {
    at(now + delay.toMillis(), action);
  }

  /** Something changed that may let jobs be placed or instances launched. */
  void markDirty() {
    dirty = true;
  }

  // ---------------------------------------------------------------- queues and environments

  void addQueue(JobQueue queue) {
    queues.add(queue);
    sortQueues();
    dirty = true;
  }

  void removeQueue(JobQueue queue) {
    queues.remove(queue);
  }

  /** Descending priority (AWS evaluates higher priority first), then creation order. */
  void sortQueues() {
    queues.sort(Comparator.comparingInt((JobQueue q) -> -q.priority).thenComparingLong(q -> q.createdSeq));
  }

  /**
   * Applies a compute environment's capacity settings: launches instances up to minvCpus and up to
   * an explicitly requested desiredvCpus, and re-checks idle instances (minvCpus may have dropped).
   */
  void environmentChanged(ComputeEnvironment ce, Integer requestedDesired) {
    int target = Math.max(ce.minvCpus, requestedDesired == null ? 0 : requestedDesired);
    List<InstanceType> cheapestFirst = ce.instanceTypes.stream().sorted(InstanceCost.BY_COST_PER_VCPU).toList();
    while (ce.enabled() && ce.desiredvCpus < target && !cheapestFirst.isEmpty()) {
      launch(ce, cheapestFirst.get(0));
    }
    for (Instance instance : ce.liveInstances.values()) {
      if (instance.idle()) {
        scheduleIdleCheck(instance);
      }
    }
    dirty = true;
  }

  // ---------------------------------------------------------------- submission

  /** Registers a submitted job (and its array children) in state SUBMITTED; dispatch follows. */
  void submit(Job job) {
    jobsById.put(job.id, job);
    index(job, null);
    activeJobs++;
    if (job.isArrayParent()) {
      for (Job child : job.children) {
        jobsById.put(child.id, child);
        activeJobs++;
      }
      job.childCounts.put(JobStatus.SUBMITTED, job.children.length);
    }
    after(timings.dispatch(), () -> dispatch(job));
  }

  /** SUBMITTED → PENDING (unmet dependencies) or RUNNABLE (User Guide, "Job states"). */
  private void dispatch(Job job) {
    if (job.status != JobStatus.SUBMITTED) {
      return;
    }
    if (job.isArrayParent()) {
      setStatus(job, JobStatus.PENDING);
      for (Job child : job.children) {
        if (child.status == JobStatus.SUBMITTED) {
          readyOrPending(child);
        }
      }
      return;
    }
    readyOrPending(job);
  }

  private void readyOrPending(Job job) {
    if (job.dependencyFailed) {
      finish(job, JobStatus.FAILED, DEPENDENCY_FAILED);
    } else if (job.unmetDependencies > 0) {
      setStatus(job, JobStatus.PENDING);
    } else {
      makeRunnable(job);
    }
  }

  private void makeRunnable(Job job) {
    setStatus(job, JobStatus.RUNNABLE);
    job.queue.runnable.add(job);
    job.queue.unplanned.add(job);
    dirty = true;
  }

  // ---------------------------------------------------------------- the scheduling pass

  private void pass() {
    for (JobQueue queue : queues) {
      placeRunnable(queue);
    }
    for (JobQueue queue : queues) {
      planCapacity(queue);
    }
  }

  /** Places RUNNABLE jobs on ready instances in FIFO order until the head does not fit. */
  private void placeRunnable(JobQueue queue) {
    while (!queue.runnable.isEmpty()) {
      Job head = queue.runnable.first();
      Instance instance = readyInstanceFor(queue, head.spec.resources());
      if (instance != null) {
        place(head, instance);
        continue;
      }
      String blocked = misconfiguration(queue, head.spec.resources());
      if (blocked != null) {
        block(head, blocked);
      }
      return;
    }
  }

  private Instance readyInstanceFor(JobQueue queue, Resources need) {
    return firstFromEnabled(queue, ce -> ce.bestFit(need));
  }

  /** The first non-null answer of the queue's ENABLED environments, in computeEnvironmentOrder. */
  private static Instance firstFromEnabled(JobQueue queue, java.util.function.Function<ComputeEnvironment, Instance> ask) {
    for (ComputeEnvironment ce : queue.computeEnvironments) {
      if (ce.enabled()) {
        Instance instance = ask.apply(ce);
        if (instance != null) {
          return instance;
        }
      }
    }
    return null;
  }

  /**
   * Why a job can never run in this queue, as a jobStateTimeLimitActions reason, or null when it
   * only has to wait. Only ENABLED environments count; with none enabled the job just waits.
   */
  private String misconfiguration(JobQueue queue, Resources need) {
    List<ComputeEnvironment> enabled = queue.computeEnvironments.stream().filter(ComputeEnvironment::enabled).toList();
    if (enabled.isEmpty()) {
      return null;
    }
    List<ComputeEnvironment> holding = enabled.stream().filter(ce -> ce.someTypeHolds(need)).toList();
    if (holding.isEmpty()) {
      return "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT";
    }
    boolean someCanGrow = holding.stream().anyMatch(ce -> ce.maxvCpus >= need.vcpus() && launchableType(ce, need, 0) != null);
    return someCanGrow ? null : "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE";
  }

  private void block(Job job, String reason) {
    if (reason.equals(job.blockedReason)) {
      return;
    }
    job.blockedReason = reason;
    job.blockedSince = now;
    job.statusReason = BLOCKED_MESSAGES.get(reason);
    long since = now;
    for (TimeLimitAction action : job.queue.timeLimitActions) {
      if (action.reason().equals(reason)) {
        at(now + action.maxTimeSeconds() * 1000L, () -> {
          if (job.status == JobStatus.RUNNABLE && reason.equals(job.blockedReason) && job.blockedSince == since) {
            cancel(job, CANCELED_BY_TIME_LIMIT + reason);
          }
        });
      }
    }
  }

  /**
   * Promises booting capacity to unplanned RUNNABLE jobs, launching instances when none is left,
   * in FIFO order until the compute environments cannot grow (maxvCpus) or the head is blocked.
   */
  private void planCapacity(JobQueue queue) {
    while (!queue.unplanned.isEmpty()) {
      Job job = queue.unplanned.first();
      Resources need = job.spec.resources();
      if (job.blockedReason != null) {
        return;
      }
      Instance instance = bootingRoomFor(queue, need);
      if (instance == null) {
        instance = launchFor(queue, need);
      }
      if (instance == null) {
        return;
      }
      reserve(job, instance);
    }
  }

  private Instance bootingRoomFor(JobQueue queue, Resources need) {
    return firstFromEnabled(queue, ce -> ce.bootingRoomFor(need));
  }

  private Instance launchFor(JobQueue queue, Resources need) {
    return firstFromEnabled(queue, ce -> {
      InstanceType type = launchableType(ce, need, ce.desiredvCpus);
      return type == null ? null : launch(ce, type);
    });
  }

  /**
   * The instance type the allocation strategy launches for {@code need} when the environment
   * already runs {@code desired} vCPUs, or null when maxvCpus forbids a launch (User Guide,
   * "Allocation strategies"; API Reference, ComputeResource.maxvCpus):
   * BEST_FIT launches only the lowest-cost type that holds the job; BEST_FIT_PROGRESSIVE and the
   * SPOT_* strategies take the cheapest per vCPU that still fits under maxvCpus, moving on to
   * other types when it does not. Where AWS allows it, one instance may overshoot maxvCpus.
   */
  static InstanceType launchableType(ComputeEnvironment ce, Resources need, int desired) {
    int headroom = ce.maxvCpus - desired;
    boolean mayOvershoot = ce.strategy.mayExceedMaxVcpus(ce.spot) && headroom > 0;
    List<InstanceType> holding = ce.instanceTypes.stream()
        .filter(t -> t.canHold(need.vcpus(), need.memoryMiB()))
        .toList();
    if (holding.isEmpty()) {
      return null;
    }
    return switch (ce.strategy) {
      case BEST_FIT -> {
        InstanceType cheapest = holding.stream().min(InstanceCost.BY_HOURLY).orElseThrow();
        yield cheapest.vcpus() <= headroom || mayOvershoot ? cheapest : null;
      }
      case BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED, SPOT_PRICE_CAPACITY_OPTIMIZED -> {
        List<InstanceType> ordered = holding.stream().sorted(InstanceCost.BY_COST_PER_VCPU).toList();
        InstanceType withinMax = ordered.stream().filter(t -> t.vcpus() <= headroom).findFirst().orElse(null);
        yield withinMax != null ? withinMax : mayOvershoot ? ordered.get(0) : null;
      }
    };
  }

  private Instance launch(ComputeEnvironment ce, InstanceType type) {
    String ecsId = ids.hex(32);
    Instance instance = new Instance(instanceSeq++, "i-" + ids.hex(17),
        arns.ecs("container-instance/" + ce.ecsClusterName() + "/" + ecsId), type, ce.spot, now, ce);
    ce.addBooting(instance);
    after(timings.instanceBoot(), () -> instanceReady(instance));
    return instance;
  }

  private void reserve(Job job, Instance instance) {
    job.reservation = instance;
    job.queue.unplanned.remove(job);
    instance.environment.reserve(instance, job.spec.resources());
    instance.promised.add(job);
  }

  private void dropReservation(Job job) {
    Instance instance = job.reservation;
    if (instance != null) {
      job.reservation = null;
      instance.promised.remove(job);
      instance.environment.unreserve(instance, job.spec.resources());
    }
  }

  // ---------------------------------------------------------------- instances

  /** The ECS agent registered: the instance takes jobs; its promises go back to the queue. */
  private void instanceReady(Instance instance) {
    if (!instance.live()) {
      return;
    }
    instance.registeredAt = now;
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
      at(now + (long) (hours * 3_600_000L), () -> reclaim(instance));
    }
    dirty = true;
  }

  /**
   * Scale-in: an instance idle for the scale-down delay is terminated unless that would take the
   * environment below minvCpus (API Reference, ComputeScalingPolicy; ComputeResource.minvCpus).
   */
  private void scheduleIdleCheck(Instance instance) {
    long token = instance.idleToken;
    ComputeEnvironment ce = instance.environment;
    java.time.Duration delay = ce.scaleDownDelay != null ? ce.scaleDownDelay : timings.scaleDown();
    after(delay, () -> {
      if (instance.idle() && instance.idleToken == token && ce.desiredvCpus - instance.type.vcpus() >= ce.minvCpus) {
        ce.terminate(instance, now);
        dirty = true;
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
    ce.terminate(instance, now);
    String reason = "Host EC2 (instance " + instance.ec2InstanceId + ") terminated.";
    for (Job job : victims) {
      endAttempt(job, job.current, null, null, reason, true);
    }
    dirty = true;
  }

  // ---------------------------------------------------------------- attempts

  private void place(Job job, Instance instance) {
    dropReservation(job);
    job.queue.runnable.remove(job);
    job.queue.unplanned.remove(job);
    job.blockedReason = null;
    job.statusReason = null;
    instance.environment.occupy(instance, job.spec.resources());
    instance.jobs.add(job);
    instance.idleToken++;
    String taskId = ids.hex(32);
    Attempt attempt = new Attempt(instance,
        arns.ecs("task/" + instance.environment.ecsClusterName() + "/" + taskId),
        job.spec.definition().name + "/default/" + taskId, now);
    job.current = attempt;
    setStatus(job, JobStatus.STARTING);
    after(timings.jobStart(), () -> startRunning(job, attempt));
  }

  private void startRunning(Job job, Attempt attempt) {
    if (job.current != attempt) {
      return;
    }
    attempt.startedAt = now;
    job.startedAt = now;
    setStatus(job, JobStatus.RUNNING);
    JobSpec spec = job.spec;
    if (spec.runFailure() != null) {
      at(now, () -> {
        if (job.current == attempt) {
          endAttempt(job, attempt, 1, spec.runFailure(), ESSENTIAL_CONTAINER_EXITED, true);
        }
      });
      return;
    }
    at(now + spec.runMillis(), () -> {
      if (job.current == attempt) {
        endAttempt(job, attempt, 0, null, ESSENTIAL_CONTAINER_EXITED, true);
      }
    });
    Integer timeout = spec.attemptDurationSeconds();
    if (timeout != null && timeout * 1000L < spec.runMillis()) {
      at(now + timeout * 1000L, () -> {
        if (job.current == attempt) {
          // API Reference, JobTimeout: a timed-out attempt is not retried.
          endAttempt(job, attempt, 137, null, TIMEOUT_REASON, false);
        }
      });
    }
  }

  /**
   * Ends the current attempt: frees its capacity, records it, then the job succeeds, goes back to
   * RUNNABLE (retryStrategy says RETRY and attempts are left) or fails.
   */
  private void endAttempt(Job job, Attempt attempt, Integer exitCode, String reason, String statusReason,
      boolean retryable) {
    Instance instance = attempt.instance;
    instance.jobs.remove(job);
    instance.environment.release(instance, job.spec.resources());
    if (instance.idle()) {
      scheduleIdleCheck(instance);
    }
    attempt.stoppedAt = now;
    if (attempt.startedAt == 0) {
      attempt.startedAt = now;
    }
    attempt.exitCode = exitCode;
    attempt.reason = reason;
    attempt.statusReason = statusReason;
    job.attempts.add(attempt);
    job.current = null;
    dirty = true;
    if (exitCode != null && exitCode == 0) {
      finish(job, JobStatus.SUCCEEDED, statusReason);
    } else if (retryable && !job.terminated
        && job.spec.retryStrategy().retries(job.attempts.size(), statusReason, reason, exitCode)) {
      job.statusReason = statusReason;
      makeRunnable(job);
    } else {
      finish(job, JobStatus.FAILED, statusReason);
    }
  }

  // ---------------------------------------------------------------- cancel / terminate

  /** CancelJob: jobs not yet STARTING fail with the given reason; later states are left alone. */
  void cancel(Job job, String reason) {
    if (job.isArrayParent()) {
      for (Job child : job.children) {
        cancel(child, reason);
      }
    }
    if (job.status.cancellable() && !job.isArrayParent()) {
      job.cancelled = true;
      leaveQueue(job);
      finish(job, JobStatus.FAILED, reason);
    } else if (job.isArrayParent() && !job.status.terminal()) {
      job.cancelled = true;
    }
  }

  /** TerminateJob: like CancelJob, and STARTING/RUNNING attempts are stopped (not retried). */
  void terminate(Job job, String reason) {
    job.terminated = true;
    if (job.isArrayParent()) {
      for (Job child : job.children) {
        terminate(child, reason);
      }
      return;
    }
    if (job.status.cancellable()) {
      leaveQueue(job);
      finish(job, JobStatus.FAILED, reason);
    } else if (job.current != null) {
      endAttempt(job, job.current, 143, "Task stopped by user", reason, false);
    }
  }

  private void leaveQueue(Job job) {
    dropReservation(job);
    job.queue.runnable.remove(job);
    job.queue.unplanned.remove(job);
    dirty = true;
  }

  // ---------------------------------------------------------------- completion and dependencies

  private void finish(Job job, JobStatus status, String statusReason) {
    job.statusReason = statusReason;
    job.stoppedAt = now;
    setStatus(job, status);
    activeJobs--;
    if (job.parent != null) {
      childFinished(job.parent);
    }
    if (job.dependents != null) {
      for (Job dependent : job.dependents) {
        dependencyFinished(dependent, status == JobStatus.SUCCEEDED);
      }
    }
  }

  /** An array parent succeeds when every child has, and fails when all are done and one failed. */
  private void childFinished(Job parent) {
    EnumMap<JobStatus, Integer> counts = parent.childCounts;
    int done = counts.get(JobStatus.SUCCEEDED) + counts.get(JobStatus.FAILED);
    if (done == parent.children.length && !parent.status.terminal()) {
      boolean failed = counts.get(JobStatus.FAILED) > 0;
      finish(parent, failed ? JobStatus.FAILED : JobStatus.SUCCEEDED,
          failed ? "Array Child Job failed" : null);
    }
  }

  /**
   * A dependency ended: the job becomes RUNNABLE once all have succeeded, and fails as soon as one
   * fails (API Reference, JobDependency). Array jobs carry their dependencies on each child.
   */
  private void dependencyFinished(Job job, boolean succeeded) {
    if (job.status.terminal()) {
      return;
    }
    if (!succeeded) {
      job.dependencyFailed = true;
      if (job.status != JobStatus.SUBMITTED) {
        leaveQueue(job);
        finish(job, JobStatus.FAILED, DEPENDENCY_FAILED);
      }
      return;
    }
    job.unmetDependencies--;
    if (job.unmetDependencies == 0 && job.status == JobStatus.PENDING) {
      makeRunnable(job);
    }
  }

  // ---------------------------------------------------------------- status indexes

  private void setStatus(Job job, JobStatus status) {
    JobStatus old = job.status;
    job.status = status;
    index(job, old);
  }

  private void index(Job job, JobStatus old) {
    if (job.parent != null) {
      EnumMap<JobStatus, Integer> counts = job.parent.childCounts;
      if (old != null) {
        counts.merge(old, -1, Integer::sum);
      }
      counts.merge(job.status, 1, Integer::sum);
      return;
    }
    JobQueue queue = job.queue;
    if (old == null) {
      queue.all.put(job.seq, job);
    } else {
      queue.byStatus.get(old).remove(job.seq);
    }
    queue.byStatus.get(job.status).put(job.seq, job);
  }
}
