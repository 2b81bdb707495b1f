package batchlab.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance types this project knows the size of: the current and two previous generations of
 * the general purpose (m), compute optimised (c) and memory optimised (r) families, large to
 * 8xlarge (EC2 instance type specifications). Per size, vCPUs are the same across families
 * (large 2, xlarge 4, 2xlarge 8, 4xlarge 16, 8xlarge 32); memory per vCPU is 2 GiB for c,
 * 4 GiB for m and 8 GiB for r.
 *
 * <p>AWS Batch also accepts a bare family name ("m7i") meaning every size of it: {@link #resolve}
 * expands those.
 */
public final class InstanceTypeCatalog {

  private static final List<String> FAMILIES =
      List.of("m7i", "m6i", "m5", "c7i", "c6i", "c5", "r7i", "r6i", "r5");
  private static final Map<String, Integer> SIZE_VCPUS =
      orderedMap("large", 2, "xlarge", 4, "2xlarge", 8, "4xlarge", 16, "8xlarge", 32);

  private static final Map<String, InstanceType> TYPES = buildCatalog();

  private InstanceTypeCatalog() {}

  /** Looks up one exact type such as {@code m7i.large}. */
  public static Optional<InstanceType> find(String name) {
    return Optional.ofNullable(TYPES.get(name.trim().toLowerCase()));
  }

  /** Every known type, smallest family member first, families in catalogue order. */
  public static List<InstanceType> all() {
    return List.copyOf(TYPES.values());
  }

  /** Whether {@code name} is a bare family name (such as {@code m7i}) this catalogue knows. */
  public static boolean isFamily(String name) {
    return FAMILIES.contains(name.trim().toLowerCase());
  }

  /**
   * Resolves the names a compute environment allows into known types: exact types as they are,
   * families expanded to all their sizes. Names the catalogue does not know are left out; use
   * {@link #unknown} to report them.
   */
  public static List<InstanceType> resolve(List<String> names) {
    List<InstanceType> resolved = new ArrayList<>();
    for (String raw : names) {
      String name = raw.trim().toLowerCase();
      if (isFamily(name)) {
        for (String size : SIZE_VCPUS.keySet()) {
          resolved.add(TYPES.get(name + "." + size));
        }
      } else {
        find(name).ifPresent(resolved::add);
      }
    }
    return Collections.unmodifiableList(resolved);
  }

  /** The names among {@code names} that are neither a known type nor a known family. */
  public static List<String> unknown(List<String> names) {
    return names.stream()
        .filter(n -> find(n).isEmpty() && !isFamily(n))
        .toList();
  }

  private static Map<String, InstanceType> buildCatalog() {
    Map<String, InstanceType> types = new LinkedHashMap<>();
    for (String family : FAMILIES) {
      int gibPerVcpu = switch (family.charAt(0)) {
        case 'c' -> 2;
        case 'm' -> 4;
        case 'r' -> 8;
        default -> throw new IllegalStateException("no memory ratio for family " + family);
      };
      SIZE_VCPUS.forEach((size, vcpus) -> {
        String name = family + "." + size;
        types.put(name, new InstanceType(name, vcpus, vcpus * gibPerVcpu * 1024));
      });
    }
    return Collections.unmodifiableMap(types);
  }

  private static Map<String, Integer> orderedMap(Object... keysAndValues) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
