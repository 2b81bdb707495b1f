package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a container's vCPUs and memory from resourceRequirements (type VCPU / MEMORY, values as
 * strings) or the deprecated vcpus/memory fields (API Reference, ContainerProperties and
 * ResourceRequirement); values not given keep the {@code base}.
 */
final class ResourceRequirements {

  private ResourceRequirements() {}

  /** The vCPUs and memory a container names; null where it names none. */
  record Requested(Integer vcpus, Integer memoryMiB) {
    /** These values over {@code base}'s. */
    Resources over(Resources base) {
      return new Resources(vcpus != null ? vcpus : base.vcpus(), memoryMiB != null ? memoryMiB : base.memoryMiB());
    }
  }

  static Resources of(JsonNode container, Resources base, String where) {
    Requested requested = requested(container, where);
    Integer vcpus = requested.vcpus() != null ? requested.vcpus() : base == null ? null : base.vcpus();
    Integer memory = requested.memoryMiB() != null ? requested.memoryMiB() : base == null ? null : base.memoryMiB();
    if (vcpus == null) {
      throw ApiException.client(where + " needs a VCPU resourceRequirement (or vcpus)");
    }
    if (memory == null) {
      throw ApiException.client(where + " needs a MEMORY resourceRequirement (or memory)");
    }
    return new Resources(vcpus, memory);
  }

  /** Reads and validates the container's resource fields. */
  static Requested requested(JsonNode container, String where) {
    Integer vcpus = null;
    Integer memory = null;
    if (container.hasNonNull("vcpus")) {
      vcpus = Json.optionalInt(container, "vcpus", 1, 10_000);
    }
    if (container.hasNonNull("memory")) {
      memory = Json.optionalInt(container, "memory", 4, Integer.MAX_VALUE);
    }
    JsonNode list = container.get("resourceRequirements");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw ApiException.client(where + ".resourceRequirements must be a list of {type, value}");
      }
      for (JsonNode item : list) {
        String type = item.path("type").asText("");
        String value = item.path("value").asText("");
        switch (type) {
          case "VCPU" -> vcpus = positive(where, type, value, 1);
          case "MEMORY" -> memory = positive(where, type, value, 4);
          case "GPU" -> throw ApiException.client(where + ".resourceRequirements type GPU is not supported by the "
              + "emulator's instance catalogue (no GPU types)");
          default -> throw ApiException.client(where + ".resourceRequirements type '" + type
              + "' is not valid; allowed: VCPU, MEMORY, GPU");
        }
      }
    }
    return new Requested(vcpus, memory);
  }

  /** EC2 jobs take whole vCPUs; memory is at least 4 MiB (API Reference, ResourceRequirement). */
  private static int positive(String where, String type, String value, int min) {
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.client(where + ".resourceRequirements " + type + " value '" + value
        + "' is not valid: a whole number of at least " + min);
  }
}
