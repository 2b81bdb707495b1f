package batchlab.local;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/** A job (or array parent, or array child) as the scheduler tracks it; mutated under the emulator lock. */
final class Job {

  final long seq;
  final String id;
  final String name;
  final JobQueue queue;
  final JobSpec spec;
  final long createdAt;
  /** Array child: its parent; else null. */
  final Job parent;
  /** Array child: 0-based index; else -1. */
  final int arrayIndex;

  JobStatus status = JobStatus.SUBMITTED;
  String statusReason;
  long startedAt;
  /** When the job last became RUNNABLE. */
  long runnableSince;
  long stoppedAt;
  boolean cancelled;
  /** TerminateJob's reason once the job was terminated (isTerminated), else null. */
  String terminateReason;
  /** Dependencies not yet finished (SUCCEEDED or FAILED). */
  int unfinishedDependencies;
  /** CancelJob's reason while a PENDING job waits for its dependencies to finish before it is cancelled. */
  String cancelReason;
  /** A dependency failed before this job was dispatched. */
  boolean dependencyFailed;
  List<Job> dependents;
  /** Finished attempts, oldest first. */
  final List<Attempt> attempts = new ArrayList<>(1);
  /** The attempt placed on an instance (STARTING/RUNNING), else null. */
  Attempt current;
  /** Booting instance promised to this RUNNABLE job, else null. */
  Instance reservation;
  /** The blocked-queue reason currently shown in statusReason, and since when (for time limits). */
  String blockedReason;
  long blockedSince;

  /** Array parent only: children by index and how many are in each status. */
  Job[] children;
  EnumMap<JobStatus, Integer> childCounts;

  Job(long seq, String id, String name, JobQueue queue, JobSpec spec, long createdAt, Job parent, int arrayIndex) {
    this.seq = seq;
    this.id = id;
    this.name = name;
    this.queue = queue;
    this.spec = spec;
    this.createdAt = createdAt;
    this.parent = parent;
    this.arrayIndex = arrayIndex;
  }

  boolean isArrayParent() {
    return children != null;
  }

  int attemptNumber() {
    return attempts.size() + (current == null ? 0 : 1);
  }

  void addDependent(Job dependent) {
    if (dependents == null) {
      dependents = new ArrayList<>(2);
    }
    dependents.add(dependent);
  }
}
