package batchlab.experiment;

import batchlab.run.JobAttempt;
import batchlab.run.JobGroup;
import batchlab.run.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scenario expects, said before it runs, and whether a run did it: the scenario's counterpart of
 * the article's "as predicted". Pure functions of the run's record and attempts, so a run record where
 * the scheduler did something else is checked the same way as a live run.
 */
public final class ScenarioCheck {

  /**
   * The fair-share ratio teamB:teamA accepted as "about twice". Six 2-vCPU slots can be split 3:3 (1),
   * 4:2 (2) or 5:1 (5); the band keeps 2 and refuses both neighbours, and leaves room for the seconds
   * around each wave when one share's jobs have ended and the other's not yet started.
   */
  static final double RATIO_MIN = 1.5;
  static final double RATIO_MAX = 3.0;

  /** The verdict: {@code asPredicted}, and the line that says what happened. */
  public record Verdict(boolean asPredicted, String detail) {
    public String line() {
      return (asPredicted ? "as predicted: " : "not as predicted: ") + detail;
    }

    /** Both verdicts in one line: as predicted only when both are. */
    Verdict then(Verdict next) {
      return new Verdict(asPredicted && next.asPredicted, detail + "; then " + next.detail);
    }
  }

  private ScenarioCheck() {}

  /**
   * How soon the late share's first job must start after its submit to count as "promptly": one
   * instance boot, one container start and one job duration. The reservation is there so that a share
   * arriving late does not wait for the running shares' jobs to drain: at worst it waits for a fresh
   * instance (boot + start), or for one running job to end and free a slot (one job duration).
   */
  public static Duration lateShareBound(Duration instanceBoot, Duration containerStart, int jobSeconds) {
    return instanceBoot.plus(containerStart).plusSeconds(jobSeconds);
  }

  /** The line printed before the scenario runs; {@code lateShareBound} is used by fair-share only. */
  public static String expected(Scenario scenario, int jobs, Duration lateShareBound) {
    return switch (scenario) {
      case ARTICLE -> throw new IllegalArgumentException("the article's runs are checked by their prediction");
      case PRIORITY -> jobs + " jobs into the default queue (priority 1), " + Scenario.HIGH_DELAY.toSeconds()
          + " s later " + jobs + " into queue " + Scenario.HIGH_QUEUE + " (priority 10), maxVcpus "
          + scenario.maxVcpus() + ": from the first free slot after the " + Scenario.HIGH_QUEUE
          + " jobs arrive, only " + Scenario.HIGH_QUEUE + " jobs start until all of them are running or done";
      case FAIR_SHARE -> jobs + " jobs each for teamA (weight 1) and teamB (weight 0.5), submitted together, "
          + "maxVcpus " + scenario.maxVcpus() + ": while both have work, teamB holds about twice teamA's vCPUs "
          + "(checked: teamB:teamA vCPU-seconds between " + RATIO_MIN + " and " + RATIO_MAX + "); then, with "
          + reservationText() + ", the same again and " + Scenario.LATE_JOBS + " " + Scenario.LATE_SHARE
          + " jobs one job duration later: " + Scenario.LATE_SHARE + "'s first job starts within "
          + lateShareBound.toSeconds() + " s of its submit (instance boot + container start + one job)";
    };
  }

  private static String reservationText() {
    return Scenario.RESERVATION_CONTEXT.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .findFirst().orElseThrow();
  }

  /**
   * The fair-share scenario's second phase: the late share's first job started within {@code bound} of
   * its first submit.
   */
  static Verdict lateShare(RunRecord run, List<JobAttempt> attempts, Duration bound) {
    String late = Scenario.LATE_SHARE;
    List<JobAttempt> jobs = sharesOf(firstAttemptsAll(run, attempts), late).stream()
        .filter(a -> a.attempt() == 1).toList();
    if (jobs.isEmpty() || jobs.stream().allMatch(a -> a.startedAt() == null)) {
      return new Verdict(false, "with " + reservationText() + ", no " + late + " job started");
    }
    Instant origin = Folds.origin(attempts);
    Instant submitted = Folds.firstCreated(jobs);
    Instant started = jobs.stream().map(JobAttempt::startedAt).filter(Objects::nonNull)
        .min(Comparator.naturalOrder()).orElseThrow();
    Duration delay = Duration.between(submitted, started);
    boolean ok = delay.compareTo(bound) <= 0;
    return new Verdict(ok, String.format(Locale.ROOT, "with %s, %s submitted at %s and its first job started "
        + "%.0f s later, at %s (%s %d s)", reservationText(), late, at(origin, submitted),
        delay.toMillis() / 1000.0, at(origin, started), ok ? "within" : "more than", bound.toSeconds()));
  }

  /** Checks the run against the scenario's expectation. */
  public static Verdict check(Scenario scenario, RunRecord run, List<JobAttempt> attempts) {
    return switch (scenario) {
      case ARTICLE -> throw new IllegalArgumentException("the article's runs are checked by their prediction");
      case PRIORITY -> priority(run, attempts);
      case FAIR_SHARE -> fairShare(run, attempts);
    };
  }

  /**
   * Every job's first attempt, by the group its name belongs to (groups in the run's order). Retries
   * are left out of the priority check: the question is which job the scheduler took first.
   */
  private static Map<JobGroup, List<JobAttempt>> firstAttempts(RunRecord run, List<JobAttempt> attempts) {
    Map<JobGroup, List<JobAttempt>> by = new LinkedHashMap<>();
    run.groups().forEach(g -> by.put(g, new ArrayList<>()));
    for (JobAttempt a : attempts) {
      if (a.attempt() == 1) {
        run.groupOf(a.jobName()).ifPresent(g -> by.computeIfAbsent(g, k -> new ArrayList<>()).add(a));
      }
    }
    return by;
  }

  private static Optional<List<JobAttempt>> groupNamed(Map<JobGroup, List<JobAttempt>> by, String queue, String share) {
    return by.entrySet().stream()
        .filter(e -> e.getKey().queue().equals(queue) && Objects.equals(e.getKey().share(), share))
        .map(Map.Entry::getValue).findFirst();
  }

  static Verdict priority(RunRecord run, List<JobAttempt> attempts) {
    Map<JobGroup, List<JobAttempt>> by = firstAttempts(run, attempts);
    List<JobAttempt> high = groupNamed(by, Scenario.HIGH_QUEUE, null).orElse(List.of());
    List<JobAttempt> low = by.entrySet().stream().filter(e -> !e.getKey().queue().equals(Scenario.HIGH_QUEUE))
        .flatMap(e -> e.getValue().stream()).toList();
    if (high.isEmpty() || high.stream().anyMatch(a -> a.startedAt() == null)) {
      return new Verdict(false, "not every " + Scenario.HIGH_QUEUE + " job started ("
          + high.stream().filter(a -> a.startedAt() != null).count() + " of " + high.size() + ")");
    }
    Instant origin = Folds.origin(attempts);
    Instant arrived = high.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    Instant lastHighStart = high.stream().map(JobAttempt::startedAt).max(Comparator.naturalOrder()).orElseThrow();
    Instant firstHighStart = high.stream().map(JobAttempt::startedAt).min(Comparator.naturalOrder()).orElseThrow();
    // A low job that started after the high jobs arrived but before the last of them started took a
    // slot a high job was waiting for.
    List<JobAttempt> overtaking = low.stream().filter(a -> a.startedAt() != null)
        .filter(a -> a.startedAt().isAfter(arrived) && a.startedAt().isBefore(lastHighStart))
        .sorted(Comparator.comparing(JobAttempt::startedAt)).toList();
    if (!overtaking.isEmpty()) {
      JobAttempt first = overtaking.get(0);
      long waiting = high.stream().filter(h -> h.startedAt().isAfter(first.startedAt())).count();
      return new Verdict(false, overtaking.size() + " low-priority job(s) started while " + Scenario.HIGH_QUEUE
          + " jobs waited, the first " + first.jobName() + " at " + at(origin, first.startedAt()) + " with "
          + waiting + " " + Scenario.HIGH_QUEUE + " job(s) still waiting");
    }
    long lowBefore = low.stream().filter(a -> a.startedAt() != null && !a.startedAt().isAfter(arrived)).count();
    return new Verdict(true, "the " + high.size() + " " + Scenario.HIGH_QUEUE + " jobs arrived at "
        + at(origin, arrived) + " and started from " + at(origin, firstHighStart) + " to "
        + at(origin, lastHighStart) + ", no low-priority job started in between (low-priority jobs started "
        + "before they arrived: " + lowBefore + ")");
  }

  static Verdict fairShare(RunRecord run, List<JobAttempt> attempts) {
    Map<JobGroup, List<JobAttempt>> by = firstAttemptsAll(run, attempts);
    String heavy = Scenario.SHARES.get(0);
    String light = Scenario.SHARES.get(1);
    List<JobAttempt> a = sharesOf(by, heavy);
    List<JobAttempt> b = sharesOf(by, light);
    if (a.isEmpty() || b.isEmpty() || Folds.anyUnfinished(a) || Folds.anyUnfinished(b)) {
      return new Verdict(false, "not every job of " + heavy + " and " + light + " finished");
    }
    // Both shares have work from the later first submit to the earlier last stop.
    Instant from = Folds.later(Folds.firstCreated(a), Folds.firstCreated(b));
    Instant to = Folds.earlier(Folds.lastStopped(a), Folds.lastStopped(b));
    double secondsA = Folds.runningSecondsWithin(a, from, to);
    double secondsB = Folds.runningSecondsWithin(b, from, to);
    if (!to.isAfter(from) || secondsA == 0) {
      return new Verdict(false, light + " and " + heavy + " never ran at the same time");
    }
    double ratio = secondsB / secondsA;
    String figures = String.format(Locale.ROOT, "while both had work (%s to %s), %s ran %.0f job-seconds and %s "
        + "%.0f: %s:%s = %.2f", at(Folds.origin(attempts), from), at(Folds.origin(attempts), to), light, secondsB,
        heavy, secondsA, light, heavy, ratio);
    boolean ok = ratio >= RATIO_MIN && ratio <= RATIO_MAX;
    return new Verdict(ok, figures + (ok ? "" : String.format(Locale.ROOT, ", outside %.1f to %.1f", RATIO_MIN,
        RATIO_MAX)));
  }

  private static Map<JobGroup, List<JobAttempt>> firstAttemptsAll(RunRecord run, List<JobAttempt> attempts) {
    Map<JobGroup, List<JobAttempt>> by = new LinkedHashMap<>();
    for (JobAttempt a : attempts) {
      run.groupOf(a.jobName()).ifPresent(g -> by.computeIfAbsent(g, k -> new ArrayList<>()).add(a));
    }
    return by;
  }

  private static List<JobAttempt> sharesOf(Map<JobGroup, List<JobAttempt>> by, String share) {
    return by.entrySet().stream().filter(e -> share.equals(e.getKey().share()))
        .flatMap(e -> e.getValue().stream()).toList();
  }

  private static String at(Instant origin, Instant time) {
    return String.format(Locale.ROOT, "%.0f s", Duration.between(origin, time).toMillis() / 1000.0);
  }

  /** Small folds over attempts. */
  private static final class Folds {
    static Instant origin(List<JobAttempt> attempts) {
      return attempts.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }

    static boolean anyUnfinished(List<JobAttempt> attempts) {
      return attempts.stream().anyMatch(a -> a.stoppedAt() == null);
    }

    static Instant firstCreated(List<JobAttempt> attempts) {
      return attempts.stream().map(JobAttempt::createdAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    static Instant lastStopped(List<JobAttempt> attempts) {
      return attempts.stream().map(JobAttempt::stoppedAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    static Instant later(Instant x, Instant y) {
      return x.isAfter(y) ? x : y;
    }

    static Instant earlier(Instant x, Instant y) {
      return x.isBefore(y) ? x : y;
    }

    /** Seconds the attempts were RUNNING within [from, to]; equal job sizes make it the vCPU ratio. */
    static double runningSecondsWithin(List<JobAttempt> attempts, Instant from, Instant to) {
      double seconds = 0;
      for (JobAttempt a : attempts) {
        if (a.startedAt() == null) {
          continue;
        }
        Instant start = later(a.startedAt(), from);
        Instant stop = earlier(a.stoppedAt() == null ? to : a.stoppedAt(), to);
        if (stop.isAfter(start)) {
          seconds += Duration.between(start, stop).toMillis() / 1000.0;
        }
      }
      return seconds;
    }
  }
}
