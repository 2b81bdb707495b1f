package batchlab.local;

import batchlab.util.BadInputException;
import java.time.Duration;

/**
 * The delays the emulator adds where AWS takes time, all in virtual time. Defaults are typical
 * figures for a managed EC2 compute environment (see README.md ("The local AWS Batch emulator") for the sources).
 * How long the jobs themselves run is the {@link WorkloadModel}'s answer.
 *
 * @param dispatch SUBMITTED to PENDING/RUNNABLE: the scheduler picks a new job up (default 2 s)
 * @param instanceBoot EC2 launch until the ECS agent has registered the instance (default 90 s)
 * @param jobStart STARTING to RUNNING: task placement, image pull, container start (default 5 s)
 * @param scaleDown how long an instance stays idle before it is terminated, unless the compute
 *     environment's scalingPolicy.minScaleDownDelayMinutes says otherwise (default 5 min)
 */
public record Timings(Duration dispatch, Duration instanceBoot, Duration jobStart, Duration scaleDown) {

  /**
   * The longest delay (and job run) the emulator models: 100 years of virtual time. Longer delays
   * are refused, longer runs capped at it, so every sum of times stays far from overflowing.
   */
  public static final Duration MAX = Duration.ofDays(36_525);

  public static final Timings DEFAULT = new Timings(
      Duration.ofSeconds(2), Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofMinutes(5));

  public Timings {
    requireInRange("dispatch", dispatch);
    requireInRange("instance boot", instanceBoot);
    requireInRange("job start", jobStart);
    requireInRange("scale-down", scaleDown);
  }

  public Timings withDispatch(Duration value) {
    return new Timings(value, instanceBoot, jobStart, scaleDown);
  }

  public Timings withInstanceBoot(Duration value) {
    return new Timings(dispatch, value, jobStart, scaleDown);
  }

  public Timings withJobStart(Duration value) {
    return new Timings(dispatch, instanceBoot, value, scaleDown);
  }

  public Timings withScaleDown(Duration value) {
    return new Timings(dispatch, instanceBoot, jobStart, value);
  }

  private static void requireInRange(String what, Duration value) {
    if (value == null || value.isNegative() || value.compareTo(MAX) > 0) {
      throw new BadInputException(what + " delay must be between 0 and " + MAX.toSeconds() + " seconds (100 years), got "
          + value);
    }
  }
}
