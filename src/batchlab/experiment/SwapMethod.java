package batchlab.experiment;

import batchlab.util.BadInputException;
import java.util.Locale;

/** How the experiment gives the compute environment the next max vCPU value. */
public enum SwapMethod {
  /**
   * Like {@code cdk deploy}: the stack synthesized with the next value, applied by CloudFormation
   * (UpdateStack on the emulator; {@code npx cdk deploy} on AWS).
   */
  DEPLOY("UpdateStack with the stack synthesized for each value (what cdk deploy does)"),
  /** What the article did in the console: UpdateComputeEnvironment with only maxvCpus (local target only). */
  CONSOLE("UpdateComputeEnvironment with only maxvCpus (what the article did in the console)");

  private final String description;

  SwapMethod(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code deploy} or {@code console} (any case). */
  public static SwapMethod parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (wanted) {
      case "deploy" -> DEPLOY;
      case "console" -> CONSOLE;
      default -> throw new BadInputException("--swap '" + value + "' is not a swap method; use deploy or console");
    };
  }
}
