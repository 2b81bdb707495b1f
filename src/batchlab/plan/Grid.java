package batchlab.plan;

import batchlab.batch.AllocationStrategy;
import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.util.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grid's axes, parsed from the command line with one-line errors, and their product: every
 * combination AWS accepts (SPOT_* strategies only with spot).
 */
public final class Grid {

  /** A bound well above lab use that still catches a slipped digit, and keeps a grid's runs finite. */
  static final int MAX_VCPUS_LIMIT = 10_000;
  static final int MAX_CONFIGURATIONS = 100_000;
  private static final Pattern RANGE = Pattern.compile("(\\d+)\\.\\.(\\d+)(?::(\\d+))?");

  private Grid() {}

  /** {@code 4,20} or {@code FROM..TO[:STEP]} (inclusive), each between 1 and 10,000. */
  public static List<Integer> maxVcpus(String spec) {
    String text = spec.strip();
    List<Integer> values = new ArrayList<>();
    Matcher range = RANGE.matcher(text);
    try {
      if (range.matches()) {
        int from = Integer.parseInt(range.group(1));
        int to = Integer.parseInt(range.group(2));
        int step = range.group(3) == null ? 1 : Integer.parseInt(range.group(3));
        if (step < 1 || to < from) {
          throw new BadInputException("--max-vcpus " + spec + " is an empty range (allowed: FROM..TO[:STEP] with FROM <= TO"
              + " and STEP >= 1, e.g. 2..40:2)");
        }
        for (long v = from; v <= to; v += step) {
          values.add((int) v);
        }
      } else {
        for (String part : text.split(",", -1)) {
          values.add(Integer.parseInt(part.strip()));
        }
      }
    } catch (NumberFormatException e) {
      throw new BadInputException("--max-vcpus " + spec + " is not a list such as 4,20 or a range such as 2..40:2");
    }
    for (int v : values) {
      if (v < 1 || v > MAX_VCPUS_LIMIT) {
        throw new BadInputException("--max-vcpus " + spec + ": " + v + " is outside 1.." + MAX_VCPUS_LIMIT);
      }
    }
    return List.copyOf(new LinkedHashSet<>(values));
  }

  /** {@code m7i.large;m7i.large,c7i.large}: sets separated by ';', types or families by ','. */
  public static List<List<String>> instanceTypeSets(String spec) {
    List<List<String>> sets = new ArrayList<>();
    for (String set : spec.split(";", -1)) {
      List<String> names = Arrays.stream(set.split(",", -1)).map(String::strip).toList();
      List<String> unknown = InstanceTypeCatalog.unknown(names);
      if (names.stream().anyMatch(String::isEmpty) || !unknown.isEmpty()) {
        throw new BadInputException("--instance-types " + spec + ": '" + set.strip() + "' has "
            + (unknown.isEmpty() ? "an empty name" : "unknown type " + unknown.get(0))
            + " (allowed: catalogue types such as m7i.large or families such as c7i, ',' within a set, ';' between sets)");
      }
      sets.add(names);
    }
    return List.copyOf(sets);
  }

  /** A comma-separated list of allocation strategies. */
  public static List<AllocationStrategy> strategies(String spec) {
    Set<AllocationStrategy> strategies = new LinkedHashSet<>();
    for (String part : spec.split(",", -1)) {
      strategies.add(AllocationStrategy.parse(part).orElseThrow(() -> new BadInputException("--strategy " + spec
          + ": unknown strategy '" + part.strip() + "' (allowed: " + AllocationStrategy.allowedValues() + ")")));
    }
    return List.copyOf(strategies);
  }

  /** {@code spot}, {@code on-demand} or both: the spot flags to try. */
  public static List<Boolean> purchases(String spec) {
    Set<Boolean> spot = new LinkedHashSet<>();
    for (String part : spec.split(",", -1)) {
      switch (part.strip().toLowerCase()) {
        case "spot" -> spot.add(true);
        case "on-demand" -> spot.add(false);
        default -> throw new BadInputException("--purchase " + spec + ": unknown purchase option '" + part.strip()
            + "' (allowed: spot, on-demand)");
      }
    }
    return List.copyOf(spot);
  }

  /**
   * Every combination AWS accepts for jobs of this size; fails when a type set cannot hold the job,
   * a maxvCpus is below the job's vCPUs, or nothing is left.
   */
  public static List<Configuration> product(List<Integer> maxVcpus, List<List<String>> typeSets,
      List<AllocationStrategy> strategies, List<Boolean> purchases, int jobVcpus, int jobMemoryMiB) {
    for (List<String> set : typeSets) {
      List<InstanceType> types = InstanceTypeCatalog.resolve(set);
      if (types.stream().noneMatch(t -> t.canHold(jobVcpus, jobMemoryMiB))) {
        throw new BadInputException("a job of " + jobVcpus + " vCPU and " + jobMemoryMiB + " MiB fits no type of --instance-types set "
            + String.join(",", set) + " (it would stay RUNNABLE; usable memory is after the ECS/OS overhead)");
      }
    }
    int smallest = maxVcpus.stream().mapToInt(Integer::intValue).min().orElseThrow();
    if (smallest < jobVcpus) {
      throw new BadInputException("--max-vcpus " + smallest + " is below the job's " + jobVcpus
          + " vCPU: the job could never be placed (allowed: maxVcpus >= job vCPUs)");
    }
    List<Configuration> grid = new ArrayList<>();
    for (boolean spot : purchases) {
      for (AllocationStrategy strategy : strategies) {
        if (!strategy.allowedFor(spot)) {
          continue;
        }
        for (List<String> set : typeSets) {
          for (int max : maxVcpus) {
            grid.add(new Configuration(max, set, strategy, spot));
          }
        }
      }
    }
    if (grid.isEmpty()) {
      throw new BadInputException("the grid is empty: no --strategy is allowed with --purchase "
          + String.join(",", purchases.stream().map(s -> s ? "spot" : "on-demand").toList())
          + " (SPOT_CAPACITY_OPTIMIZED and SPOT_PRICE_CAPACITY_OPTIMIZED need spot)");
    }
    if (grid.size() > MAX_CONFIGURATIONS) {
      throw new BadInputException("the grid has " + grid.size() + " configurations (allowed: at most " + MAX_CONFIGURATIONS + ")");
    }
    return List.copyOf(grid);
  }
}
