package batchlab.local;

import batchlab.util.BadInputException;

/**
 * Faults the emulator injects so clients can be tested against AWS's failure modes. All random
 * draws come from the emulator's seed, so a run with the same seed and the same request order
 * injects the same faults.
 *
 * @param spotInterruptionRate reclaims per spot instance per virtual hour (0 = never); each spot
 *     instance's lifetime is drawn from an exponential distribution with this rate
 * @param throttleRate share of API requests answered with HTTP 429 TooManyRequestsException
 * @param errorRate share of API requests answered with HTTP 500 ServerException
 * @param submitTps SubmitJob calls allowed per real second, as the account quota AWS enforces
 *     (AWS: 50); 0 switches the quota off
 */
public record Faults(double spotInterruptionRate, double throttleRate, double errorRate, int submitTps) {

  public static final Faults NONE = new Faults(0, 0, 0, 0);

  public Faults {
    if (!(spotInterruptionRate >= 0) || Double.isInfinite(spotInterruptionRate)) {
      throw new BadInputException(
          "spot interruption rate must be zero or more reclaims per instance-hour, got " + spotInterruptionRate);
    }
    requireShare("throttle rate", throttleRate);
    requireShare("error rate", errorRate);
    if (throttleRate + errorRate > 1) {
      throw new BadInputException(
          "throttle rate plus error rate must be at most 1, got " + throttleRate + " + " + errorRate);
    }
    if (submitTps < 0) {
      throw new BadInputException("submit TPS must be zero (off) or more, got " + submitTps);
    }
  }

  public Faults withSpotInterruptionRate(double value) {
    return new Faults(value, throttleRate, errorRate, submitTps);
  }

  public Faults withThrottleRate(double value) {
    return new Faults(spotInterruptionRate, value, errorRate, submitTps);
  }

  public Faults withErrorRate(double value) {
    return new Faults(spotInterruptionRate, throttleRate, value, submitTps);
  }

  public Faults withSubmitTps(int value) {
    return new Faults(spotInterruptionRate, throttleRate, errorRate, value);
  }

  private static void requireShare(String what, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new BadInputException(what + " must be between 0 and 1, got " + value);
    }
  }
}
