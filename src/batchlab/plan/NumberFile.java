package batchlab.plan;

import batchlab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of numbers of seconds, one per line ({@code #} comments and blank lines skipped): the
 * submit times of {@code --arrival FILE} and the durations of {@code --durations FILE}. Errors name
 * the option, the file and the line.
 */
final class NumberFile {

  private NumberFile() {}

  /** The file's lines, or a one-line error naming {@code option} and the file. */
  static List<String> lines(String option, Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(option + " " + file + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  /**
   * The numbers of {@code lines}, each at least {@code min} seconds and at most {@code max};
   * {@code what} says what a line holds, for the error.
   */
  static double[] seconds(String option, Path file, List<String> lines, String what, double min, double max) {
    List<Double> values = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = option + " " + file + " line " + (n + 1) + " '" + line + "'";
      double value;
      try {
        value = Double.parseDouble(line);
      } catch (NumberFormatException e) {
        throw new BadInputException(where + ": not a number (allowed: " + what + ", one per line)");
      }
      if (!(value >= min && value <= max)) {
        throw new BadInputException(where + ": outside " + number(min) + ".." + number(max) + " (allowed: " + what + ")");
      }
      values.add(value);
    }
    if (values.isEmpty()) {
      throw new BadInputException(option + " " + file + ": no values (allowed: " + what + ", one per line)");
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
