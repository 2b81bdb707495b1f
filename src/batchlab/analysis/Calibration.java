package batchlab.analysis;

import batchlab.run.InstanceObservation;
import batchlab.run.JobAttempt;
import batchlab.run.Observations;
import batchlab.run.TaskObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Fits the emulator's delays to what real runs recorded: each figure is the median of its
 * observations, pooled over the runs, and is refused below {@link #MIN_OBSERVATIONS}. The rules
 * (README, "Calibrating the twin"):
 *
 * <ul>
 *   <li>instance boot: ECS registeredAt - EC2 launchTime, per instance;
 *   <li>dispatch: per instance, its launchTime - the createdAt of the first job that ran on it, when
 *       that job was created before the launch (the launch was Batch's first action for the job);
 *   <li>container start: ECS task startedAt - createdAt, per attempt (image pull, pullStoppedAt -
 *       pullStartedAt, reported apart where ECS gives it); without task times, the hand-overs of the
 *       timeline: a waiting job's startedAt - the stoppedAt of the attempt before it on the same instance;
 *   <li>idle scale-in: per instance that ran a job, when it left the cluster (halfway between the
 *       last poll that listed it and the first that did not) - its last attempt's stoppedAt; not for
 *       instances whose last attempt lost its host (a spot reclaim is no scale-in).
 * </ul>
 *
 * Pure: no I/O.
 */
public final class Calibration {

  /** Fewer observations than this give no figure: a median of one or two says nothing about spread. */
  public static final int MIN_OBSERVATIONS = 3;

  private Calibration() {}

  /** One run's data: its timeline, and its observations (null for a run watched before they were recorded). */
  public record RunData(String runId, List<JobAttempt> attempts, Observations observations) {}

  public static CalibrationResult fit(List<RunData> runs) {
    List<Duration> boot = new ArrayList<>();
    List<Duration> dispatch = new ArrayList<>();
    List<Duration> start = new ArrayList<>();
    List<Duration> pull = new ArrayList<>();
    List<Duration> handovers = new ArrayList<>();
    List<Duration> scaleIn = new ArrayList<>();
    boolean anyObservations = false;
    boolean anyLaunchTime = false;
    boolean anyTasks = false;
    boolean anyDeparture = false;
    for (RunData run : runs) {
      handovers.addAll(handovers(run.attempts()));
      Observations o = run.observations();
      if (o == null) {
        continue;
      }
      anyObservations = true;
      Map<String, List<JobAttempt>> byInstance = run.attempts().stream().filter(a -> a.instance() != null
          && a.startedAt() != null).collect(Collectors.groupingBy(JobAttempt::instance));
      for (InstanceObservation instance : o.instances()) {
        List<JobAttempt> ran = byInstance.getOrDefault(instance.name(), List.of());
        if (instance.launchTime() != null) {
          anyLaunchTime = true;
          if (instance.registeredAt() != null) {
            boot.add(Duration.between(instance.launchTime(), instance.registeredAt()));
          }
          ran.stream().min(Comparator.comparing(JobAttempt::startedAt))
              .filter(first -> first.attempt() == 1 && !first.createdAt().isAfter(instance.launchTime()))
              .ifPresent(first -> dispatch.add(Duration.between(first.createdAt(), instance.launchTime())));
        }
        Instant left = instance.leftAt();
        if (left != null) {
          anyDeparture = true;
          ran.stream().filter(a -> a.stoppedAt() != null).max(Comparator.comparing(JobAttempt::stoppedAt))
              .filter(last -> last.statusReason() == null || !last.statusReason().startsWith("Host EC2"))
              .filter(last -> left.isAfter(last.stoppedAt()))
              .ifPresent(last -> scaleIn.add(Duration.between(last.stoppedAt(), left)));
        }
      }
      for (TaskObservation task : o.tasks()) {
        anyTasks = true;
        if (task.createdAt() != null && task.startedAt() != null) {
          start.add(Duration.between(task.createdAt(), task.startedAt()));
        }
        if (task.pullStartedAt() != null && task.pullStoppedAt() != null) {
          pull.add(Duration.between(task.pullStartedAt(), task.pullStoppedAt()));
        }
      }
    }
    String noObservations = "the runs have no observations.json (watched before batch-lab recorded them)";
    Figure bootFigure = Figure.of("instance boot", "ECS registeredAt - EC2 launchTime per instance", boot,
        MIN_OBSERVATIONS, !anyObservations ? noObservations
            : !anyLaunchTime ? "no EC2 launchTime recorded (ec2:DescribeInstances not allowed?)" : null);
    Figure dispatchFigure = Figure.of("dispatch", "instance launchTime - createdAt of its first job", dispatch,
        MIN_OBSERVATIONS, !anyObservations ? noObservations
            : !anyLaunchTime ? "no EC2 launchTime recorded (ec2:DescribeInstances not allowed?)" : null);
    Figure startFigure = anyTasks
        ? Figure.of("container start", "ECS task startedAt - createdAt per attempt", start, MIN_OBSERVATIONS, null)
        : Figure.of("container start", "hand-overs: startedAt - the stoppedAt before it on the same instance",
            handovers, MIN_OBSERVATIONS, null);
    Figure pullFigure = Figure.of("image pull", "ECS task pullStoppedAt - pullStartedAt, part of container start",
        pull, MIN_OBSERVATIONS, !anyTasks ? "no ECS task times recorded" : "no task reported an image pull");
    Figure scaleInFigure = Figure.of("idle scale-in", "left the cluster - its last job's stoppedAt per instance",
        scaleIn, MIN_OBSERVATIONS, !anyObservations ? noObservations
            : !anyDeparture ? "no instance was seen leaving its cluster (watch with --follow-scale-in)" : null);
    return new CalibrationResult(runs.stream().map(RunData::runId).toList(), dispatchFigure, bootFigure, startFigure,
        pullFigure, scaleInFigure);
  }

  /**
   * Per attempt that was waiting when a slot on its instance was given back: its startedAt - that
   * stoppedAt (the latest stop on the instance before it started).
   */
  static List<Duration> handovers(List<JobAttempt> attempts) {
    Map<String, List<JobAttempt>> byInstance = new HashMap<>();
    attempts.stream().filter(a -> a.instance() != null && a.startedAt() != null)
        .forEach(a -> byInstance.computeIfAbsent(a.instance(), i -> new ArrayList<>()).add(a));
    List<Duration> gaps = new ArrayList<>();
    for (List<JobAttempt> on : byInstance.values()) {
      for (JobAttempt next : on) {
        on.stream().map(JobAttempt::stoppedAt).filter(Objects::nonNull)
            .filter(stop -> !stop.isAfter(next.startedAt()) && next.queuedAt().isBefore(stop))
            .max(Comparator.naturalOrder())
            .ifPresent(stop -> gaps.add(Duration.between(stop, next.startedAt())));
      }
    }
    return gaps;
  }
}
