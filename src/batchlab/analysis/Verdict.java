package batchlab.analysis;

import batchlab.run.JobState;
import batchlab.util.Durations;
import batchlab.run.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The plain one-line verdict: did the run behave as the compute environment's settings predict? */
final class Verdict {

  private Verdict() {}

  /** Failure reasons named in a verdict at most; the summary lists every failed job. */
  static final int REASONS_SHOWN = 3;

  /**
   * @param retries attempts beyond each job's first (spot reclaims, retried failures)
   * @param failed the jobs that ended FAILED, with their status reason and exit code
   */
  static String of(Outcome outcome, int jobs, Map<JobState, Integer> byStatus, int maxRunning, int waves,
      int retries, Duration makespan, Prediction prediction, List<FailedJob> failed) {
    int finished = byStatus.getOrDefault(JobState.SUCCEEDED, 0) + byStatus.getOrDefault(JobState.FAILED, 0);
    List<String> parts = new ArrayList<>();
    if (outcome == Outcome.COMPLETED && !failed.isEmpty()) {
      return failedRun(jobs, maxRunning, waves, retries, makespan, prediction, failed);
    }
    if (outcome != Outcome.COMPLETED) {
      parts.add((outcome == Outcome.TIMED_OUT ? "incomplete (timed out)" : "incomplete (interrupted)") + ": "
          + finished + " of " + jobs + " jobs finished, " + maxRunning + " ran at once so far"
          + (prediction != null && prediction.runnable() ? " (predicted " + prediction.concurrency() + ")" : ""));
    } else if (prediction == null) {
      parts.add(plural(maxRunning, "job") + " ran at once in " + plural(waves, "wave")
          + "; no prediction (the compute environment's instance types are not in the catalogue)");
    } else if (!prediction.runnable()) {
      parts.add("the settings predict no job can run (a job of " + prediction.jobVcpus() + " vCPU / "
          + prediction.jobMemoryMiB() + " MiB fits no allowed instance type within maxvCpus "
          + prediction.maxVcpus() + "), yet " + maxRunning + " ran at once");
    } else {
      parts.add(compare(maxRunning, waves, retries, makespan, prediction));
    }
    if (!failed.isEmpty()) {
      parts.add(plural(failed.size(), "job") + " FAILED: " + reasons(failed));
    }
    return String.join("; ", parts);
  }

  /**
   * A completed run with failed jobs. A failed job gives its slot back early (or never takes one), so
   * when the run differs from the prediction the failures explain it, not capacity.
   */
  private static String failedRun(int jobs, int maxRunning, int waves, int retries, Duration makespan,
      Prediction prediction, List<FailedJob> failed) {
    String failure = failed.size() + " of " + jobs + " jobs FAILED: " + reasons(failed);
    if (prediction == null || !prediction.runnable() || failed.size() == jobs) {
      return failure;
    }
    if (maxRunning == prediction.concurrency() && waves == prediction.waves()) {
      return compare(maxRunning, waves, retries, makespan, prediction) + "; " + failure;
    }
    return failure + "; observed " + maxRunning + " at once in " + plural(waves, "wave") + ", predicted "
        + prediction.concurrency() + " in " + plural(prediction.waves(), "wave")
        + " (failed jobs free their slots early, so this says nothing about capacity)";
  }

  /** The failures' reasons, most common first: {@code <statusReason>, exit code <n> (<count> jobs)}. */
  static String reasons(List<FailedJob> failed) {
    Map<String, Long> counts = failed.stream().collect(Collectors.groupingBy(Verdict::reason,
        LinkedHashMap::new, Collectors.counting()));
    List<String> shown = counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(REASONS_SHOWN)
        .map(e -> e.getKey() + " (" + plural(e.getValue().intValue(), "job") + ")")
        .collect(Collectors.toCollection(ArrayList::new));
    if (counts.size() > REASONS_SHOWN) {
      shown.add(plural(counts.size() - REASONS_SHOWN, "other reason"));
    }
    return String.join(", ", shown);
  }

  private static String reason(FailedJob job) {
    String reason = job.statusReason() == null || job.statusReason().isBlank() ? "no status reason" : job.statusReason();
    return job.exitCode() == null ? reason : reason + ", exit code " + job.exitCode();
  }

  private static String compare(int maxRunning, int waves, int retries, Duration makespan, Prediction p) {
    String why = "maxvCpus " + p.maxVcpus() + " holds " + p.slots() + " jobs of " + p.jobVcpus() + " vCPU on "
        + p.instanceType();
    String timing = makespan == null || p.idealMakespan() == null ? ""
        : ", makespan " + Durations.seconds(makespan) + " vs ideal " + Durations.seconds(p.idealMakespan());
    if (maxRunning == p.concurrency() && waves == p.waves()) {
      return "as predicted: " + maxRunning + " at once in " + plural(waves, "wave") + " (" + why + ")" + timing;
    }
    String what = maxRunning > p.concurrency()
        ? "more at once than predicted (Batch may exceed maxvCpus by one instance for some allocation strategies)"
        : maxRunning < p.concurrency() ? "fewer at once than predicted (capacity or placement limited it)"
        : retries > 0 ? "more waves than predicted because " + plural(retries, "attempt")
            + (retries == 1 ? " was" : " were") + " retried"
        : "a different number of waves than predicted (jobs started out of step)";
    return what + ": observed " + maxRunning + " at once in " + plural(waves, "wave") + ", predicted "
        + p.concurrency() + " in " + plural(p.waves(), "wave") + " (" + why + ")" + timing;
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
