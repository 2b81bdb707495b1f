package batchlab.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The instance types this project knows the size of (EC2 instance type specifications): the current
 * and two previous x86 generations of the general purpose (m), compute optimised (c) and memory
 * optimised (r) families, large to 8xlarge, and the Graviton (arm64) families AWS Batch's
 * {@code default_arm64} draws from, large to 4xlarge. Per size, vCPUs are the same across families
 * (large 2, xlarge 4, 2xlarge 8, 4xlarge 16, 8xlarge 32); memory per vCPU is 2 GiB for c,
 * 4 GiB for m and 8 GiB for r.
 *
 * <p>AWS Batch also accepts a bare family name ("m7i") meaning every size of it, and the bundles
 * {@code default_x86_64}, {@code default_arm64} and {@code optimal} (API Reference,
 * ComputeResource.instanceTypes): {@link #resolve} expands those. Since 2025-11-01 {@code optimal}
 * behaves like {@code default_x86_64} (before: the c4, m4, r4, c5, m5 and r5 families).
 */
public final class InstanceTypeCatalog {

  /** ComputeResource.instanceTypes: x86 types from the m6i, c6i, r6i and c7i families. */
  public static final String DEFAULT_X86_64 = "default_x86_64";
  /** ComputeResource.instanceTypes: Graviton types from the m6g, c6g, r6g and c7g families. */
  public static final String DEFAULT_ARM64 = "default_arm64";
  /** ComputeResource.instanceTypes: since 2025-11-01 the same families as {@link #DEFAULT_X86_64}. */
  public static final String OPTIMAL = "optimal";

  private static final Map<String, Integer> SIZE_VCPUS =
      orderedMap("large", 2, "xlarge", 4, "2xlarge", 8, "4xlarge", 16, "8xlarge", 32);
  private static final List<String> X86_SIZES = List.copyOf(SIZE_VCPUS.keySet());
  private static final List<String> ARM64_SIZES = List.of("large", "xlarge", "2xlarge", "4xlarge");
  /** Family to the sizes this catalogue holds of it, in catalogue order. */
  private static final Map<String, List<String>> FAMILIES = familySizes();
  /** The bundles AWS Batch picks families from by itself. */
  private static final Map<String, List<String>> BUNDLES = Map.of(
      DEFAULT_X86_64, List.of("m6i", "c6i", "r6i", "c7i"),
      OPTIMAL, List.of("m6i", "c6i", "r6i", "c7i"),
      DEFAULT_ARM64, List.of("m6g", "c6g", "r6g", "c7g"));

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
    return FAMILIES.containsKey(name.trim().toLowerCase());
  }

  /** Whether {@code name} is one of the bundles Batch picks families from: optimal, default_x86_64, default_arm64. */
  public static boolean isBundle(String name) {
    return BUNDLES.containsKey(name.trim().toLowerCase());
  }

  /** The families a bundle stands for (empty for any other name). */
  public static List<String> bundleFamilies(String name) {
    return BUNDLES.getOrDefault(name.trim().toLowerCase(), List.of());
  }

  /**
   * Resolves the names a compute environment allows into known types: exact types as they are,
   * families expanded to all their sizes, bundles to all sizes of their families; without repeats.
   * Names the catalogue does not know are left out; use {@link #unknown} to report them.
   */
  public static List<InstanceType> resolve(List<String> names) {
    Set<InstanceType> resolved = new LinkedHashSet<>();
    for (String raw : names) {
      String name = raw.trim().toLowerCase();
      List<String> families = isBundle(name) ? bundleFamilies(name) : isFamily(name) ? List.of(name) : List.of();
      for (String family : families) {
        for (String size : FAMILIES.get(family)) {
          resolved.add(TYPES.get(family + "." + size));
        }
      }
      if (families.isEmpty()) {
        find(name).ifPresent(resolved::add);
      }
    }
    return List.copyOf(resolved);
  }

  /** The names among {@code names} that are neither a known type, a known family nor a bundle. */
  public static List<String> unknown(List<String> names) {
    return names.stream()
        .filter(n -> find(n).isEmpty() && !isFamily(n) && !isBundle(n))
        .toList();
  }

  private static Map<String, List<String>> familySizes() {
    Map<String, List<String>> families = new LinkedHashMap<>();
    for (String family : List.of("m7i", "m6i", "m5", "c7i", "c6i", "c5", "r7i", "r6i", "r5")) {
      families.put(family, X86_SIZES);
    }
    for (String family : List.of("m6g", "c6g", "r6g", "c7g")) {
      families.put(family, ARM64_SIZES);
    }
    return Collections.unmodifiableMap(families);
  }

  private static Map<String, InstanceType> buildCatalog() {
    Map<String, InstanceType> types = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : FAMILIES.entrySet()) {
      String family = entry.getKey();
      int gibPerVcpu = switch (family.charAt(0)) {
        case 'c' -> 2;
        case 'm' -> 4;
        case 'r' -> 8;
        default -> throw new IllegalStateException("no memory ratio for family " + family);
      };
      for (String size : entry.getValue()) {
        int vcpus = SIZE_VCPUS.get(size);
        String name = family + "." + size;
        types.put(name, new InstanceType(name, vcpus, vcpus * gibPerVcpu * 1024));
      }
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
