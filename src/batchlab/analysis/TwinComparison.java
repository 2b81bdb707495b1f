package batchlab.analysis;

import batchlab.util.Durations;
import batchlab.run.JobAttempt;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far a replay of a run on the emulator is from the run itself. Jobs are paired by name (the
 * replay submits the run's jobs under their own names); each job's start is measured from its run's
 * first createdAt, so the error does not depend on when either run happened.
 *
 * @param timings which timings the replay used, e.g. "default timings", "calibrated from this run"
 * @param jobs jobs that started in both and were compared
 * @param meanStartError mean of |replayed start - observed start| over those jobs
 * @param maxStartError the largest of those
 * @param makespanError replayed makespan - observed makespan (negative: the twin is faster); null
 *     when either run did not finish
 */
public record TwinComparison(
    String timings,
    int jobs,
    @JsonProperty("meanStartErrorSeconds") Duration meanStartError,
    @JsonProperty("maxStartErrorSeconds") Duration maxStartError,
    @JsonProperty("makespanErrorSeconds") Duration makespanError) {

  /** Compares the first attempts (one per job) of the observed and the replayed run. */
  public static TwinComparison of(String timings, List<JobAttempt> observed, List<JobAttempt> replayed) {
    List<JobAttempt> seen = firstAttempts(observed);
    List<JobAttempt> twin = firstAttempts(replayed);
    Instant seenOrigin = seen.isEmpty() ? Instant.EPOCH : seen.get(0).createdAt();
    Instant twinOrigin = twin.isEmpty() ? Instant.EPOCH : twin.get(0).createdAt();
    Map<String, JobAttempt> twinByName = new HashMap<>();
    twin.forEach(a -> twinByName.putIfAbsent(a.jobName(), a));
    Duration total = Duration.ZERO;
    Duration max = Duration.ZERO;
    int compared = 0;
    for (JobAttempt job : seen) {
      JobAttempt twinJob = twinByName.get(job.jobName());
      if (job.startedAt() == null || twinJob == null || twinJob.startedAt() == null) {
        continue;
      }
      Duration error = Duration.between(seenOrigin, job.startedAt())
          .minus(Duration.between(twinOrigin, twinJob.startedAt())).abs();
      total = total.plus(error);
      max = error.compareTo(max) > 0 ? error : max;
      compared++;
    }
    Duration seenMakespan = makespan(observed, seenOrigin);
    Duration twinMakespan = makespan(replayed, twinOrigin);
    return new TwinComparison(timings, compared, compared == 0 ? null : total.dividedBy(compared),
        compared == 0 ? null : max,
        seenMakespan == null || twinMakespan == null ? null : twinMakespan.minus(seenMakespan));
  }

  /** "default timings: start error mean 3.2 s, max 5 s over 10 jobs; makespan +4 s". */
  public String line() {
    if (jobs == 0) {
      return timings + ": no job started in both runs";
    }
    String makespan = makespanError == null ? "makespan not comparable"
        : "makespan " + (makespanError.isNegative() ? "-" : "+") + Durations.seconds(makespanError.abs());
    return timings + ": start error mean " + Durations.seconds(meanStartError) + ", max "
        + Durations.seconds(maxStartError) + " over " + jobs + " jobs; " + makespan;
  }

  private static List<JobAttempt> firstAttempts(List<JobAttempt> attempts) {
    return attempts.stream().filter(a -> a.attempt() == 1)
        .sorted(Comparator.comparing(JobAttempt::createdAt).thenComparing(JobAttempt::jobName)).toList();
  }

  private static Duration makespan(List<JobAttempt> attempts, Instant origin) {
    if (attempts.isEmpty() || attempts.stream().anyMatch(a -> !a.status().isTerminal())) {
      return null;
    }
    return attempts.stream().map(JobAttempt::stoppedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
        .map(stop -> Duration.between(origin, stop)).orElse(null);
  }
}
