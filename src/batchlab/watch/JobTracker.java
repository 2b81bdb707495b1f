package batchlab.watch;

import batchlab.aws.Retry;
import batchlab.aws.SubmitException;
import batchlab.batch.BatchLimits;
import batchlab.run.JobState;
import batchlab.run.RunRecord;
import batchlab.run.SubmittedJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * Follows a run's jobs with DescribeJobs (at most 100 ids per call). Individual jobs: each poll
 * describes the jobs not finished yet, so a poll costs at most ceil(N/100) calls. An array job: each
 * poll describes only the parent, whose statusSummary counts the children; the children themselves
 * are described once, at the end, for the timeline.
 *
 * <p>The two ways of tracking are one sealed class with two nested subclasses, longer than most, so
 * that they share the describing and the rule for giving up on jobs the server no longer knows.
 */
abstract sealed class JobTracker {

  /**
   * Polls in a row a job may be missing from DescribeJobs before it is given up: the server does not
   * know it (a restarted emulator, another endpoint, or a job older than the server keeps).
   */
  static final int MISSES_BEFORE_GIVING_UP = 3;

  protected final BatchClient batch;
  protected final Retry retry;
  protected final RunRecord run;
  private final Map<String, Integer> misses = new HashMap<>();

  private JobTracker(RunRecord run, BatchClient batch, Retry retry) {
    this.run = run;
    this.batch = batch;
    this.retry = retry;
  }

  static JobTracker of(RunRecord run, BatchClient batch, Retry retry, Consumer<String> warn) {
    return run.array() ? new ArrayJob(run, batch, retry) : new IndividualJobs(run, batch, retry, warn);
  }

  /** Describes what needs describing; returns jobs per state. */
  abstract Map<JobState, Integer> poll();

  /** Jobs watched that the server has not described yet (missing from the polls so far); not in {@link #poll}'s counts. */
  abstract int unknown();

  /** Whether every job has finished, as of the last poll. */
  abstract boolean finished();

  /** Jobs watched (array children one by one). */
  abstract int jobs();

  /** Ids to terminate so that nothing unfinished is left running (the parent for an array). */
  abstract List<String> unfinishedIds();

  /** A job's latest detail and the name to show for it. */
  record Named(JobDetail detail, String name) {}

  /** Every job's latest detail, in run order. */
  abstract List<Named> details();

  /** The details the last poll described (the parent only, for an array job): cheap, no call. */
  abstract List<JobDetail> polled();

  protected List<JobDetail> describe(List<String> ids) {
    List<JobDetail> details = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += BatchLimits.DESCRIBE_JOBS_IDS) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BatchLimits.DESCRIBE_JOBS_IDS));
      details.addAll(retry.call("batch:DescribeJobs", () -> batch.describeJobs(r -> r.jobs(chunk)).jobs()));
    }
    return details;
  }

  /**
   * Whether {@code detail}, described under {@code job}'s id, is that job (see {@link RunRecord#owns}); a job
   * that is not counts as not known to the server.
   */
  protected boolean isOurs(SubmittedJob job, JobDetail detail) {
    return run.owns(job, detail.jobName(), detail.createdAt() == null ? null : Instant.ofEpochMilli(detail.createdAt()));
  }

  /** Counts a poll in which {@code id} was missing (or clears its count); true once it is to be given up. */
  protected boolean missing(String id, boolean missingNow) {
    if (!missingNow) {
      misses.remove(id);
      return false;
    }
    return misses.merge(id, 1, Integer::sum) >= MISSES_BEFORE_GIVING_UP;
  }

  /** @param whatIsNot e.g. "array job a (id) is not" */
  protected SubmitException unknown(String whatIsNot) {
    return new SubmitException(whatIsNot + " known at " + retry.target() + ": was the emulator restarted, or is it "
        + "another endpoint? (jobs are also dropped by the server some time after they finish)");
  }

  static JobState state(JobDetail job) {
    return JobState.parse(job.statusAsString()).orElse(JobState.SUBMITTED);
  }

  private static final class IndividualJobs extends JobTracker {
    /** Job id to its latest detail; null while the server has not described it (yet). */
    private final Map<String, JobDetail> latest = new LinkedHashMap<>();
    private final Map<String, SubmittedJob> recorded = new HashMap<>();
    private final Consumer<String> warn;

    IndividualJobs(RunRecord run, BatchClient batch, Retry retry, Consumer<String> warn) {
      super(run, batch, retry);
      this.warn = warn;
      run.jobs().forEach(j -> {
        latest.put(j.id(), null);
        recorded.put(j.id(), j);
      });
    }

    @Override
    Map<JobState, Integer> poll() {
      List<String> open = unfinishedIds();
      Set<String> described = new HashSet<>();
      Set<String> notOurs = new HashSet<>();
      for (JobDetail d : describe(open)) {
        SubmittedJob job = recorded.get(d.jobId());
        if (job == null) {
          continue;
        }
        if (isOurs(job, d)) {
          latest.put(d.jobId(), d);
          described.add(d.jobId());
        } else {
          notOurs.add(d.jobId()); // the id is taken by another job: ours will not come back under it
        }
      }
      for (String id : open) {
        if (notOurs.contains(id) || missing(id, !described.contains(id))) {
          latest.remove(id);
          warn.accept("job " + recorded.get(id).name() + " (" + id + ") is not known to the server: left out of "
              + "the watch");
        }
      }
      if (latest.isEmpty()) {
        throw unknown("none of the jobs of run " + run.runId() + " are");
      }
      Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
      latest.values().stream().filter(d -> d != null).forEach(d -> counts.merge(state(d), 1, Integer::sum));
      return counts;
    }

    @Override
    int unknown() {
      return (int) latest.values().stream().filter(d -> d == null).count();
    }

    @Override
    boolean finished() {
      return latest.values().stream().allMatch(d -> d != null && state(d).isTerminal());
    }

    @Override
    int jobs() {
      return latest.size();
    }

    @Override
    List<String> unfinishedIds() {
      return latest.entrySet().stream().filter(e -> e.getValue() == null || !state(e.getValue()).isTerminal())
          .map(Map.Entry::getKey).toList();
    }

    @Override
    List<Named> details() {
      return latest.values().stream().filter(d -> d != null).map(d -> new Named(d, d.jobName())).toList();
    }

    @Override
    List<JobDetail> polled() {
      return latest.values().stream().filter(d -> d != null).toList();
    }
  }

  private static final class ArrayJob extends JobTracker {
    private final String parentId;
    private final int size;
    private JobDetail parent;

    ArrayJob(RunRecord run, BatchClient batch, Retry retry) {
      super(run, batch, retry);
      this.parentId = run.jobs().get(0).id();
      this.size = run.jobCount();
    }

    @Override
    Map<JobState, Integer> poll() {
      JobDetail described = describe(List.of(parentId)).stream().findFirst().orElse(null);
      if (described != null && !isOurs(run.jobs().get(0), described)) {
        throw unknown("array job " + run.namePrefix() + " (" + parentId + ") is not");
      }
      if (missing(parentId, described == null)) {
        throw unknown("array job " + run.namePrefix() + " (" + parentId + ") is not");
      }
      parent = described != null ? described : parent;
      Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
      if (parent == null) {
        return counts; // not described yet: all unknown
      }
      Map<String, Integer> summary = parent.arrayProperties() == null ? Map.of()
          : parent.arrayProperties().statusSummary();
      summary.forEach((status, n) -> JobState.parse(status).ifPresent(s -> counts.merge(s, n, Integer::sum)));
      int counted = counts.values().stream().mapToInt(Integer::intValue).sum();
      if (counted < size) {
        // Children not created yet are where the parent is (SUBMITTED/PENDING).
        counts.merge(state(parent).isTerminal() ? JobState.PENDING : state(parent), size - counted, Integer::sum);
      }
      return counts;
    }

    @Override
    int unknown() {
      return parent == null ? size : 0;
    }

    @Override
    boolean finished() {
      return parent != null && state(parent).isTerminal();
    }

    @Override
    int jobs() {
      return size;
    }

    @Override
    List<String> unfinishedIds() {
      return finished() ? List.of() : List.of(parentId);
    }

    @Override
    List<JobDetail> polled() {
      return parent == null ? List.of() : List.of(parent);
    }

    @Override
    List<Named> details() {
      List<String> children = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        children.add(parentId + ":" + i);
      }
      List<Named> named = new ArrayList<>();
      for (JobDetail child : describe(children)) {
        Integer index = child.arrayProperties() == null ? null : child.arrayProperties().index();
        String suffix = index != null ? String.valueOf(index) : child.jobId().substring(child.jobId().indexOf(':') + 1);
        named.add(new Named(child, child.jobName() + ":" + suffix));
      }
      return named;
    }
  }
}
