package batchlab.analysis;

import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.Outcome;
import batchlab.run.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Computes a {@link RunSummary} from what a watch saw. Pure: no clock, no I/O. */
public final class SummaryCalculator {

  private SummaryCalculator() {}

  /**
   * @param runId the run
   * @param jobs jobs in the run (array children one by one)
   * @param attempts every attempt of every job; a job's last attempt carries its current state
   * @param samples the watcher's polls, in time order
   * @param prediction null when the settings could not be read or resolved
   * @param outcome how the watch ended
   */
  public static RunSummary summarize(
      String runId, int jobs, List<JobAttempt> attempts, List<Sample> samples, Prediction prediction, Outcome outcome) {
    int peakInstances = samples.stream().mapToInt(Sample::instances).max().orElse(0);
    int peakDesired = samples.stream().mapToInt(Sample::desiredVcpus).max().orElse(0);
    return summarize(runId, jobs, attempts, peakInstances, peakDesired, prediction, outcome,
        WaitBreakdown.of(attempts, samples).orElse(null));
  }

  /**
   * The same, with the two figures that come from the polls given directly (for a merge of watches,
   * see {@link SummaryMerge}).
   */
  public static RunSummary summarize(String runId, int jobs, List<JobAttempt> attempts, int peakInstances,
      int peakDesired, Prediction prediction, Outcome outcome) {
    return summarize(runId, jobs, attempts, peakInstances, peakDesired, prediction, outcome, null);
  }

  /** The same, with why jobs waited given directly (null: not known, e.g. no polls were kept). */
  public static RunSummary summarize(String runId, int jobs, List<JobAttempt> attempts, int peakInstances,
      int peakDesired, Prediction prediction, Outcome outcome, WaitBreakdown waitCauses) {
    Map<String, List<JobAttempt>> byJob = new LinkedHashMap<>();
    attempts.stream()
        .sorted(Comparator.comparing(JobAttempt::jobId).thenComparingInt(JobAttempt::attempt))
        .forEach(a -> byJob.computeIfAbsent(a.jobId(), id -> new ArrayList<>()).add(a));

    Map<JobState, Integer> byStatus = new EnumMap<>(JobState.class);
    List<Duration> waits = new ArrayList<>();
    List<FailedJob> failed = new ArrayList<>();
    boolean allFinished = byJob.size() == jobs;
    for (List<JobAttempt> job : byJob.values()) {
      JobAttempt last = job.get(job.size() - 1);
      byStatus.merge(last.status(), 1, Integer::sum);
      allFinished &= last.status().isTerminal();
      job.get(0).queueWait().ifPresent(waits::add);
      if (last.status() == JobState.FAILED) {
        String logStream = job.stream().map(JobAttempt::logStream).filter(Objects::nonNull)
            .reduce((first, second) -> second).orElse(null);
        failed.add(new FailedJob(last.jobName(), last.jobId(), last.statusReason(), last.exitCode(), logStream));
      }
    }

    Instant firstCreated = attempts.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElse(null);
    Instant lastStopped = allFinished
        ? attempts.stream().map(JobAttempt::stoppedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
            .orElse(null)
        : null;
    Duration makespan = firstCreated != null && lastStopped != null ? Duration.between(firstCreated, lastStopped) : null;

    int maxRunning = RunningStep.max(attempts);
    int waves = Waves.count(attempts);
    int instancesUsed = (int) attempts.stream()
        .filter(a -> a.startedAt() != null && a.instance() != null).map(JobAttempt::instance).distinct().count();

    WaitStats waitStats = WaitStats.of(waits).orElse(null);
    int retries = (int) attempts.stream().filter(a -> a.attempt() > 1 && a.startedAt() != null).count();
    String verdict = Verdict.of(outcome, jobs, byStatus, maxRunning, waves, retries, makespan, prediction, failed);
    return new RunSummary(runId, outcome, jobs, byStatus, maxRunning, waves, firstCreated, lastStopped, makespan,
        waitStats, peakInstances, peakDesired, instancesUsed, prediction, verdict, failed,
        waitCauses);
  }
}
