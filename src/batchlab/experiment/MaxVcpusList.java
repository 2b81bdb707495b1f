package batchlab.experiment;

import batchlab.util.BadInputException;
import java.util.ArrayList;
import java.util.List;

/** Parses the {@code --max-vcpus} list ("4,20"): the compute environment sizes to try, in order. */
public final class MaxVcpusList {

  private MaxVcpusList() {}

  public static List<Integer> parse(String text) {
    if (text == null || text.isBlank()) {
      throw new BadInputException(
          "--max-vcpus needs at least one whole number, e.g. --max-vcpus 4,20");
    }
    List<Integer> values = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        throw new BadInputException(
            "--max-vcpus '" + text + "' has an empty entry; give comma-separated whole numbers, e.g. 4,20");
      }
      try {
        values.add(Integer.parseInt(trimmed));
      } catch (NumberFormatException e) {
        throw new BadInputException(
            "--max-vcpus value '" + trimmed + "' is not a whole number; give comma-separated whole numbers, e.g. 4,20");
      }
    }
    return List.copyOf(values);
  }
}
