package batchlab.local;

import batchlab.batch.BatchLimits;
import java.util.EnumMap;

/**
 * A job's life from SubmitJob to SUCCEEDED or FAILED: dispatch, dependencies, placement on an
 * instance, attempts with retries and timeouts, blocked-queue time limits, cancellation and
 * termination, array parents following their children, and the status indexes ListJobs reads.
 * It stays one class because these transitions call each other (a finished job releases its
 * dependents, a cancel finishes, an attempt's end retries); each section below is one of them.
 */
final class JobLifecycle {

  static final String CANCELED_BY_TIME_LIMIT = "Canceled by JobStateTimeLimit action due to reason: ";
  static final String ESSENTIAL_CONTAINER_EXITED = "Essential container in task exited";
  static final String TIMEOUT_REASON = "Job attempt duration exceeded timeout";
  static final String DEPENDENCY_FAILED = "Dependent Job failed";
  /** The container's reason on an attempt ended by TerminateJob. */
  static final String STOPPED_BY_USER = "Task stopped by user";
  /** 128 + 9: a container stopped by SIGKILL. */
  static final int SIGKILL_EXIT_CODE = 137;

  private final EventLoop loop;
  private final Registry registry;
  private final Fleet fleet;
  private final Timings timings;
  private final Ids ids;
  private final Arns arns;
  private int activeJobs;

  JobLifecycle(EventLoop loop, Registry registry, Fleet fleet, Timings timings, Ids ids, Arns arns) {
    this.loop = loop;
    this.registry = registry;
    this.fleet = fleet;
    this.timings = timings;
    this.ids = ids;
    this.arns = arns;
  }

  /** Jobs (including array parents) not yet SUCCEEDED or FAILED. */
  int activeJobs() {
    return activeJobs;
  }

  // ---------------------------------------------------------------- submission and dispatch

  /** Registers a submitted job (and its array children) in state SUBMITTED; dispatch follows. */
  void submit(Job job) {
    registry.addJob(job);
    index(job, null);
    activeJobs++;
    ShareUsage shares = job.queue.shares;
    if (job.isArrayParent()) {
      for (Job child : job.children) {
        registry.addJob(child);
        activeJobs++;
        if (shares != null) {
          shares.submitted(child);
        }
      }
      job.childCounts.put(JobStatus.SUBMITTED, job.children.length);
    } else if (shares != null) {
      shares.submitted(job);
    }
    loop.after(timings.dispatch(), () -> dispatch(job));
  }

  /** SUBMITTED → PENDING (unmet dependencies) or RUNNABLE (User Guide, "Job states"). */
  private void dispatch(Job job) {
    if (job.status != JobStatus.SUBMITTED) {
      return;
    }
    if (job.isArrayParent()) {
      // The parent stays SUBMITTED until a child becomes RUNNABLE (see makeRunnable).
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
    } else if (job.unfinishedDependencies > 0) {
      setStatus(job, JobStatus.PENDING);
    } else {
      makeRunnable(job);
    }
  }

  private void makeRunnable(Job job) {
    setStatus(job, JobStatus.RUNNABLE);
    // User Guide, "Array jobs": a parent is updated to PENDING when any child is updated to RUNNABLE.
    if (job.parent != null && job.parent.status == JobStatus.SUBMITTED) {
      setStatus(job.parent, JobStatus.PENDING);
    }
    job.runnableSince = loop.now();
    job.queue.runnable.add(job);
    job.queue.lineChanged(job, loop.now());
    job.queue.unplanned.add(job);
    loop.markDirty();
  }

  // ---------------------------------------------------------------- a blocked head job

  /** Shows the MISCONFIGURATION reason and arms the queue's time-limit actions for it. */
  void block(Job job, String reason) {
    block(job, reason, CapacityPlanner.BLOCKED_MESSAGES.get(reason));
  }

  /** Shows {@code message} as the statusReason and arms the queue's time-limit actions for {@code reason}. */
  void block(Job job, String reason, String message) {
    if (reason.equals(job.blockedReason)) {
      return;
    }
    long now = loop.now();
    job.blockedReason = reason;
    job.blockedSince = now;
    job.statusReason = message;
    for (TimeLimitAction action : job.queue.timeLimitActions) {
      if (action.reason().equals(reason)) {
        loop.at(now + action.maxTimeSeconds() * 1000L, () -> {
          if (job.status == JobStatus.RUNNABLE && reason.equals(job.blockedReason) && job.blockedSince == now) {
            cancel(job, CANCELED_BY_TIME_LIMIT + reason);
          }
        });
      }
    }
  }

  /**
   * The environment was fixed (maxvCpus raised, instance types added): the reason clears and the
   * job waits for capacity like any other; a pending time-limit action no longer applies to it.
   */
  void unblock(Job job) {
    job.blockedReason = null;
    job.statusReason = null;
  }

  // ---------------------------------------------------------------- attempts

  /** RUNNABLE → STARTING on {@code instance}; RUNNING after the job start delay. */
  void place(Job job, Instance instance) {
    fleet.dropReservation(job);
    job.queue.runnable.remove(job);
    job.queue.lineChanged(job, loop.now());
    job.queue.unplanned.remove(job);
    job.blockedReason = null;
    job.statusReason = null;
    instance.environment.occupy(instance, job.spec.resources());
    if (job.queue.shares != null) {
      job.queue.shares.placed(job, loop.now());
    }
    instance.jobs.add(job);
    instance.idleToken++;
    instance.ranAJob = true;
    String taskId = ids.hex(32);
    Attempt attempt = new Attempt(instance,
        arns.ecs("task/" + instance.environment.ecsClusterName() + "/" + taskId),
        job.spec.definition().name + "/default/" + taskId, loop.now());
    job.current = attempt;
    instance.environment.tasks.put(attempt.taskArn, attempt);
    setStatus(job, JobStatus.STARTING);
    loop.after(timings.jobStart(), () -> startRunning(job, attempt));
  }

  private void startRunning(Job job, Attempt attempt) {
    if (job.current != attempt) {
      return;
    }
    long now = loop.now();
    attempt.startedAt = now;
    job.startedAt = now;
    setStatus(job, JobStatus.RUNNING);
    JobSpec spec = job.spec;
    // A failing program exits at the end of its run (at once for WorkloadModel.Run.failsAtStart).
    boolean fails = spec.runFailure() != null;
    loop.at(now + spec.runMillis(), () -> {
      if (job.current == attempt) {
        endAttempt(job, attempt, fails ? spec.runFailureExitCode() : 0, spec.runFailure(), ESSENTIAL_CONTAINER_EXITED, true);
      }
    });
    Integer timeout = spec.attemptDurationSeconds();
    if (timeout != null && timeout * 1000L < spec.runMillis()) {
      timeOut(job, attempt, now + timeout * 1000L);
    }
  }

  /**
   * The attempt ran past attemptDurationSeconds (User Guide, "Job timeouts"): it is stopped at the
   * limit, and a timed-out attempt is not retried (API Reference, JobTimeout).
   */
  private void timeOut(Job job, Attempt attempt, long sigtermAt) {
    stop(job, attempt, sigtermAt, null, TIMEOUT_REASON);
  }

  /**
   * Stops a running attempt as ECS StopTask does (the equivalent of docker stop): SIGTERM at {@code
   * sigtermAt}, SIGKILL {@value BatchLimits#TIMEOUT_SIGKILL_AFTER_SECONDS} s later. A program that exits
   * on SIGTERM ends at once with its exit code; one that ignores it ends then with 137, unless it
   * finishes on its own before that. The stopped attempt is not retried.
   */
  private void stop(Job job, Attempt attempt, long sigtermAt, String reason, String statusReason) {
    Integer exitOnSigterm = job.spec.exitOnSigterm();
    long endsAt = exitOnSigterm != null ? sigtermAt : sigtermAt + BatchLimits.TIMEOUT_SIGKILL_AFTER_SECONDS * 1000L;
    if (endsAt >= attempt.startedAt + job.spec.runMillis()) {
      return; // it exits by itself during the grace period
    }
    int exitCode = exitOnSigterm != null ? exitOnSigterm : SIGKILL_EXIT_CODE;
    loop.at(endsAt, () -> {
      if (job.current == attempt) {
        endAttempt(job, attempt, exitCode, reason, statusReason, false);
      }
    });
  }

  /** The job's host went away: its attempt fails without an exit code, and may be retried. */
  void hostLost(Job job, String statusReason) {
    endAttempt(job, job.current, null, null, statusReason, true);
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
    long now = loop.now();
    if (job.queue.shares != null) {
      job.queue.shares.attemptEnded(job, now);
    }
    if (instance.idle()) {
      instance.idleSince = now;
      fleet.scheduleIdleCheck(instance);
    }
    attempt.stoppedAt = now;
    attempt.exitCode = exitCode;
    attempt.reason = reason;
    attempt.statusReason = statusReason;
    job.attempts.add(attempt);
    job.current = null;
    loop.markDirty();
    boolean terminated = job.terminateReason != null;
    if (exitCode != null && exitCode == 0 && !terminated) {
      finish(job, JobStatus.SUCCEEDED, statusReason);
    } else if (retryable && !terminated
        && job.spec.retryStrategy().retries(job.attempts.size(), statusReason, reason, exitCode)) {
      job.statusReason = statusReason;
      makeRunnable(job);
    } else {
      // A terminated job fails with the call's reason, even if its program ended by itself meanwhile.
      finish(job, JobStatus.FAILED, terminated ? job.terminateReason : statusReason);
    }
  }

  // ---------------------------------------------------------------- cancel / terminate

  /**
   * CancelJob (API Reference): SUBMITTED and RUNNABLE jobs fail with the given reason at once; a
   * PENDING job is cancelled only after all its dependencies have finished, so until then it stays
   * PENDING (and so do its own dependents); STARTING and RUNNING jobs are left alone. An array
   * parent passes the cancel to its children and ends when they have.
   */
  void cancel(Job job, String reason) {
    if (job.isArrayParent()) {
      for (Job child : job.children) {
        cancel(child, reason);
      }
      if (!job.status.terminal()) {
        job.cancelled = true;
      }
      return;
    }
    if (job.status == JobStatus.PENDING && job.unfinishedDependencies > 0) {
      job.cancelReason = reason;
    } else if (job.status.cancellable()) {
      cancelNow(job, reason);
    }
  }

  private void cancelNow(Job job, String reason) {
    job.cancelled = true;
    leaveQueue(job);
    finish(job, JobStatus.FAILED, reason);
  }

  /**
   * TerminateJob (API Reference): jobs not yet STARTING are cancelled at once; STARTING and RUNNING
   * jobs are terminated and end FAILED with the call's reason, not retried. A RUNNING attempt is
   * stopped as ECS StopTask stops its task ({@link #stop}: SIGTERM, SIGKILL 30 s later), so it stays
   * RUNNING until its program exits; a STARTING one has no program running yet and ends at once.
   */
  void terminate(Job job, String reason) {
    if (job.status.terminal()) {
      return;
    }
    if (job.terminateReason == null) {
      job.terminateReason = reason;
    }
    if (job.isArrayParent()) {
      for (Job child : job.children) {
        terminate(child, reason);
      }
      return;
    }
    if (job.status.cancellable()) {
      leaveQueue(job);
      finish(job, JobStatus.FAILED, reason);
    } else if (job.status == JobStatus.RUNNING) {
      stop(job, job.current, loop.now(), STOPPED_BY_USER, job.terminateReason);
    } else if (job.current != null) {
      endAttempt(job, job.current, WorkloadModel.Run.SIGTERM_EXIT_CODE, STOPPED_BY_USER, reason, false);
    }
  }

  private void leaveQueue(Job job) {
    fleet.dropReservation(job);
    if (job.queue.runnable.remove(job)) {
      job.queue.lineChanged(job, loop.now());
    }
    job.queue.unplanned.remove(job);
    loop.markDirty();
  }

  // ---------------------------------------------------------------- completion and dependencies

  private void finish(Job job, JobStatus status, String statusReason) {
    job.statusReason = statusReason;
    job.stoppedAt = loop.now();
    setStatus(job, status);
    activeJobs--;
    if (job.queue.shares != null && !job.isArrayParent()) {
      job.queue.shares.finished(job);
    }
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
   * fails (API Reference, JobDependency); a job whose cancel waits for its dependencies is
   * cancelled when the last one has finished (API Reference, CancelJob). Array jobs carry their
   * dependencies on each child.
   */
  private void dependencyFinished(Job job, boolean succeeded) {
    if (job.status.terminal()) {
      return;
    }
    job.unfinishedDependencies--;
    if (!succeeded) {
      job.dependencyFailed = true;
    }
    if (job.cancelReason != null) {
      if (job.unfinishedDependencies == 0) {
        cancelNow(job, job.cancelReason);
      }
    } else if (!succeeded) {
      if (job.status != JobStatus.SUBMITTED) {
        leaveQueue(job);
        finish(job, JobStatus.FAILED, DEPENDENCY_FAILED);
      }
    } else if (job.unfinishedDependencies == 0 && job.status == JobStatus.PENDING) {
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
