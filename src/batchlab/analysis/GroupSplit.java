package batchlab.analysis;

import batchlab.run.JobAttempt;
import batchlab.run.JobGroup;
import batchlab.run.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Splits a run's attempts by queue (when it used several) and by share (when it named any): for each,
 * vCPUs running, waits and makespan ({@link GroupFigures}). Pure: no clock, no I/O. A run without
 * groups has no split.
 */
public final class GroupSplit {

  private GroupSplit() {}

  /** The queue split (only with several queues), then the share split (only with shares), in the run's order. */
  public static List<GroupFigures> of(RunRecord run, List<JobAttempt> attempts) {
    if (!run.grouped()) {
      return List.of();
    }
    int vcpus = run.job() == null ? 1 : run.job().vcpus();
    List<GroupFigures> figures = new ArrayList<>();
    if (run.queues().size() > 1) {
      figures.addAll(split(GroupFigures.BY_QUEUE, run, attempts, JobGroup::queue, vcpus));
    }
    if (run.groups().stream().anyMatch(g -> g.share() != null)) {
      figures.addAll(split(GroupFigures.BY_SHARE, run, attempts, JobGroup::shareLabel, vcpus));
    }
    return List.copyOf(figures);
  }

  /** The attempts of each group name, in the order of the run's groups; attempts of other jobs left out. */
  public static Map<String, List<JobAttempt>> attemptsBy(RunRecord run, List<JobAttempt> attempts,
      Function<JobGroup, String> key) {
    Map<String, List<JobAttempt>> by = new LinkedHashMap<>();
    run.groups().forEach(g -> by.computeIfAbsent(key.apply(g), k -> new ArrayList<>()));
    for (JobAttempt attempt : attempts) {
      run.groupOf(attempt.jobName()).ifPresent(g -> by.get(key.apply(g)).add(attempt));
    }
    return by;
  }

  private static List<GroupFigures> split(String by, RunRecord run, List<JobAttempt> attempts,
      Function<JobGroup, String> key, int vcpus) {
    Map<String, List<JobAttempt>> groups = attemptsBy(run, attempts, key);
    Optional<Instant> contendedFrom = groups.values().stream()
        .map(g -> g.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElse(Instant.MAX))
        .max(Comparator.naturalOrder());
    Instant latest = attempts.stream().flatMap(a -> java.util.stream.Stream.of(a.createdAt(), a.startedAt(),
        a.stoppedAt())).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    Optional<Instant> contendedTo = groups.values().stream()
        .map(g -> lastStopped(g).orElse(latest)).min(Comparator.naturalOrder());
    List<GroupFigures> figures = new ArrayList<>();
    groups.forEach((name, group) -> {
      Instant first = group.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElse(null);
      Instant last = lastStopped(group).orElse(null);
      List<Duration> waits = new ArrayList<>();
      firstAttempts(group).forEach(a -> a.queueWait().ifPresent(waits::add));
      figures.add(new GroupFigures(by, name, firstAttempts(group).size(), RunningStep.max(group) * vcpus,
          meanRunning(group, contendedFrom.orElse(null), contendedTo.orElse(null), vcpus),
          WaitStats.of(waits).orElse(null), first, last,
          first != null && last != null ? Duration.between(first, last) : null));
    });
    return figures;
  }

  /** The group's latest stoppedAt, when every one of its jobs has finished. */
  private static Optional<Instant> lastStopped(List<JobAttempt> group) {
    Map<String, JobAttempt> lastAttempt = new LinkedHashMap<>();
    group.forEach(a -> lastAttempt.merge(a.jobId(), a, (x, y) -> y.attempt() > x.attempt() ? y : x));
    if (lastAttempt.isEmpty() || lastAttempt.values().stream().anyMatch(a -> !a.status().isTerminal())) {
      return Optional.empty();
    }
    return group.stream().map(JobAttempt::stoppedAt).filter(Objects::nonNull).max(Comparator.naturalOrder());
  }

  private static List<JobAttempt> firstAttempts(List<JobAttempt> group) {
    return group.stream().filter(a -> a.attempt() == 1).toList();
  }

  /** Mean of the group's RUNNING vCPUs over [from, to), exactly from its step curve; null for an empty span. */
  static Double meanRunning(List<JobAttempt> group, Instant from, Instant to, int vcpus) {
    if (from == null || to == null || !from.isBefore(to)) {
      return null;
    }
    double area = 0;
    int running = 0;
    Instant at = from;
    for (RunningStep step : RunningStep.of(group)) {
      if (step.time().isAfter(from)) {
        Instant until = step.time().isBefore(to) ? step.time() : to;
        area += running * (double) Duration.between(at, until).toMillis();
        at = until;
        if (!step.time().isBefore(to)) {
          break;
        }
      }
      running = step.running();
    }
    if (at.isBefore(to)) {
      area += running * (double) Duration.between(at, to).toMillis();
    }
    double mean = area * vcpus / Duration.between(from, to).toMillis();
    return Math.round(mean * 100) / 100.0;
  }
}
