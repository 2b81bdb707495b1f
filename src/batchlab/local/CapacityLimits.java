package batchlab.local;

import batchlab.batch.InstanceTypeCatalog;
import batchlab.util.BadInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How many instances of an instance type EC2 can give the emulated account at once, across every
 * compute environment: a spot pool (or on-demand capacity) running dry. A launch beyond the limit
 * fails, as EC2's InsufficientInstanceCapacity does, and the allocation strategy decides what next
 * (User Guide, "Allocation strategies"; "Jobs stuck in RUNNABLE due to capacity"). Types without a
 * limit are unlimited.
 *
 * @param maxInstances exact instance type name to the most live (booting or running) instances
 */
public record CapacityLimits(Map<String, Integer> maxInstances) {

  public static final CapacityLimits NONE = new CapacityLimits(Map.of());

  public CapacityLimits {
    Map<String, Integer> checked = new LinkedHashMap<>();
    maxInstances.forEach((type, max) -> {
      if (InstanceTypeCatalog.find(type).isEmpty()) {
        throw new BadInputException("capacity limit for '" + type + "': not an instance type the emulator knows "
            + "(allowed: an exact type such as m7i.large)");
      }
      if (max == null || max < 0) {
        throw new BadInputException("capacity limit " + type + "=" + max + ": give 0 or more instances");
      }
      checked.put(InstanceTypeCatalog.find(type).orElseThrow().name(), max);
    });
    maxInstances = Collections.unmodifiableMap(checked);
  }

  /**
   * Parses the command-line spelling {@code m7i.large=6,c7i.large=0}; blank means no limits.
   *
   * @throws BadInputException naming the bad entry
   */
  public static CapacityLimits parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Map<String, Integer> limits = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      String type = eq < 0 ? entry.trim() : entry.substring(0, eq).trim();
      String count = eq < 0 ? "" : entry.substring(eq + 1).trim();
      int max;
      try {
        max = Integer.parseInt(count);
      } catch (NumberFormatException e) {
        throw new BadInputException("--capacity entry '" + entry.trim() + "' is not TYPE=COUNT "
            + "(allowed: e.g. m7i.large=6,c7i.large=0)");
      }
      if (limits.containsKey(type)) {
        throw new BadInputException("--capacity names " + type + " twice; give each instance type once");
      }
      limits.put(type, max);
    }
    return new CapacityLimits(limits);
  }

  /** The limit for {@code type}, or empty when it is unlimited. */
  public OptionalInt limitFor(String type) {
    Integer max = maxInstances.get(type);
    return max == null ? OptionalInt.empty() : OptionalInt.of(max);
  }

  public boolean isEmpty() {
    return maxInstances.isEmpty();
  }

  /** The command-line spelling, e.g. {@code m7i.large=6}. */
  @Override
  public String toString() {
    return maxInstances.isEmpty() ? "none" : String.join(",", maxInstances.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
