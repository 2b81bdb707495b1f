package batchlab.analysis;

import batchlab.run.JobAttempt;
import batchlab.run.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges what a later watch of a run saw with what an earlier watch recorded, so that watching a run
 * again never makes its figures worse: by then the server may have scaled its instances in, dropped
 * finished jobs, or been restarted. The rule, per figure:
 *
 * <ul>
 *   <li>each job: the version that got further (a final state beats an unfinished one, then more attempts,
 *       then an attempt stopped, then one started; on a tie the later watch's); each of its attempts then
 *       takes from the other version's same attempt whatever it lacks (instance, exit code, log stream,
 *       ...). A job only one watch saw is kept as that watch saw it;
 *   <li>jobs: the larger count of the two;
 *   <li>outcome: COMPLETED when every job is final in the merged attempts, otherwise the later watch's;
 *   <li>peak instances, peak desiredvCpus: the higher of the two (each watch's own peak over its polls);
 *   <li>prediction: the recorded one, made while the run ran under the settings it ran with (maxvCpus
 *       may have changed since); the later watch's only when none was recorded;
 *   <li>everything else (jobs by status, running at once, waves, makespan, RUNNABLE wait, instances used,
 *       failed jobs, verdict): computed again from the merged attempts, as after any watch.
 * </ul>
 */
public final class SummaryMerge {

  /** The merged attempts (for {@code timeline.csv}) and the summary computed from them. */
  public record Merged(List<JobAttempt> attempts, RunSummary summary) {}

  /** How far a job got, by its attempts in order; the larger the further. */
  private static final Comparator<List<JobAttempt>> PROGRESS = Comparator
      .comparing((List<JobAttempt> job) -> last(job).status().isTerminal())
      .thenComparingInt(List::size)
      .thenComparing(job -> last(job).stoppedAt() != null)
      .thenComparing(job -> last(job).startedAt() != null)
      .thenComparing(job -> last(job).status());

  private SummaryMerge() {}

  public static Merged merge(RunSummary recorded, List<JobAttempt> recordedAttempts, RunSummary seen,
      List<JobAttempt> seenAttempts) {
    Map<String, List<JobAttempt>> earlier = byJob(recordedAttempts);
    Map<String, List<JobAttempt>> later = byJob(seenAttempts);
    Map<String, List<JobAttempt>> merged = new LinkedHashMap<>(earlier);
    later.forEach((id, job) -> merged.merge(id, job, (before, after) -> furthest(before, after)));
    List<JobAttempt> attempts = merged.values().stream().flatMap(List::stream).toList();

    int jobs = Math.max(recorded.jobs(), seen.jobs());
    boolean allFinal = merged.size() >= jobs && merged.values().stream().allMatch(j -> last(j).status().isTerminal());
    Outcome outcome = allFinal ? Outcome.COMPLETED : seen.outcome();
    Prediction prediction = recorded.prediction() != null ? recorded.prediction() : seen.prediction();
    RunSummary waits = waitCauses(recorded, seen);
    RunSummary summary = SummaryCalculator.summarize(seen.runId(), jobs, attempts,
        Math.max(recorded.peakInstances(), seen.peakInstances()),
        Math.max(recorded.peakDesiredVcpus(), seen.peakDesiredVcpus()), prediction, outcome, null)
        .withWaitCauses(waits.waitCauses(), waits.waitCausesByQueue());
    return new Merged(attempts, summary);
  }

  /**
   * Why jobs waited comes from the polls, which only the watch that made them has: the watch that saw
   * more of the waiting (more cause spans, each queue's counted on a run over several queues) gives the
   * whole run's and each queue's breakdown; ties, and a later watch that saw none, keep the recorded one.
   * A watch of a finished run sees no waiting at all, so it never replaces what the first watch saw.
   */
  private static RunSummary waitCauses(RunSummary recorded, RunSummary seen) {
    if (recorded.waitCauses() == null && recorded.waitCausesByQueue().isEmpty()) {
      return seen;
    }
    return spans(seen) > spans(recorded) ? seen : recorded;
  }

  private static int spans(RunSummary summary) {
    return (summary.waitCauses() == null ? 0 : summary.waitCauses().causes().size())
        + summary.waitCausesByQueue().stream().mapToInt(w -> w.causes().size()).sum();
  }

  /** The job version that got further (ties: the later one), its gaps filled from the other. */
  private static List<JobAttempt> furthest(List<JobAttempt> before, List<JobAttempt> after) {
    boolean later = PROGRESS.compare(after, before) >= 0;
    List<JobAttempt> base = later ? after : before;
    List<JobAttempt> other = later ? before : after;
    List<JobAttempt> filled = new ArrayList<>();
    for (JobAttempt attempt : base) {
      filled.add(other.stream().filter(o -> o.attempt() == attempt.attempt()).findFirst()
          .map(o -> fill(attempt, o)).orElse(attempt));
    }
    return filled;
  }

  /** {@code a} with every field it does not know taken from {@code from}, the same attempt seen another time. */
  private static JobAttempt fill(JobAttempt a, JobAttempt from) {
    return new JobAttempt(a.jobName(), a.jobId(), a.attempt(), a.status(),
        or(a.statusReason(), from.statusReason()), or(a.exitCode(), from.exitCode()), a.createdAt(), a.queuedAt(),
        or(a.startedAt(), from.startedAt()), or(a.stoppedAt(), from.stoppedAt()), or(a.instance(), from.instance()),
        or(a.instanceType(), from.instanceType()), or(a.logStream(), from.logStream()));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static Map<String, List<JobAttempt>> byJob(List<JobAttempt> attempts) {
    Map<String, List<JobAttempt>> byJob = new LinkedHashMap<>();
    attempts.stream().sorted(Comparator.comparingInt(JobAttempt::attempt))
        .forEach(a -> byJob.computeIfAbsent(a.jobId(), id -> new ArrayList<>()).add(a));
    return byJob;
  }

  private static JobAttempt last(List<JobAttempt> job) {
    return Objects.requireNonNull(job.get(job.size() - 1));
  }
}
