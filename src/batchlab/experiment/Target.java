package batchlab.experiment;

import batchlab.util.BadInputException;
import java.util.Locale;

/** Where the experiment runs: the in-process emulator (no account, no cost) or a real AWS account. */
public enum Target {
  LOCAL,
  AWS;

  /** Parses {@code local} or {@code aws} (any case). */
  public static Target parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (wanted) {
      case "local" -> LOCAL;
      case "aws" -> AWS;
      default -> throw new BadInputException(
          "--target '" + value + "' is not a target; use local or aws");
    };
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
