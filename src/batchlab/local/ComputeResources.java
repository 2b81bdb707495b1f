package batchlab.local;

import batchlab.batch.AllocationStrategy;
import batchlab.batch.BatchLimits;
import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * A compute environment's computeResources, checked (API Reference, ComputeResource) for managed
 * EC2 and SPOT environments.
 *
 * @param scaleDownDelay scalingPolicy.minScaleDownDelayMinutes when set, else null
 * @param rendered the computeResources as the API returns them (min/max/desired are rendered from
 *     the environment's fields), without desiredvCpus and with the allocation strategy filled in
 */
record ComputeResources(boolean spot, AllocationStrategy strategy, int minvCpus, int maxvCpus,
    List<InstanceType> instanceTypes, Duration scaleDownDelay, ObjectNode rendered) {

  /** {@code creating}: subnets are required on create, an update may leave them out. */
  static ComputeResources parse(ObjectNode source, boolean creating) {
    ObjectNode resources = source.deepCopy();
    String type = Json.enumValue(resources, "type", null, "EC2", "SPOT", "FARGATE", "FARGATE_SPOT");
    if (type == null) {
      throw ApiException.client("computeResources.type is required (EC2 or SPOT)");
    }
    if (type.startsWith("FARGATE")) {
      throw ApiException.client("computeResources.type " + type + " is not supported by the emulator; use EC2 or SPOT");
    }
    boolean spot = type.equals("SPOT");
    String strategyName = Json.optionalString(resources, "allocationStrategy");
    AllocationStrategy strategy = strategyName == null ? AllocationStrategy.BEST_FIT
        : AllocationStrategy.parse(strategyName).orElseThrow(() -> ApiException.client(
            "computeResources.allocationStrategy '" + strategyName + "' is not valid; allowed: "
                + AllocationStrategy.allowedValues()));
    if (!strategy.allowedFor(spot)) {
      throw ApiException.client("computeResources.allocationStrategy " + strategy + " is only valid for SPOT "
          + "compute environments, not " + type);
    }
    Integer max = Json.optionalInt(resources, "maxvCpus", 0, Integer.MAX_VALUE);
    if (max == null) {
      throw ApiException.client("computeResources.maxvCpus is required");
    }
    Integer minOrNull = Json.optionalInt(resources, "minvCpus", 0, Integer.MAX_VALUE);
    int min = minOrNull == null ? 0 : minOrNull;
    if (max < min) {
      throw ApiException.client("computeResources.maxvCpus (" + max + ") must be greater than or equal to "
          + "minvCpus (" + min + ")");
    }
    List<String> typeNames = Json.stringList(resources, "instanceTypes");
    if (typeNames.isEmpty()) {
      throw ApiException.client("computeResources.instanceTypes is required for EC2 and SPOT compute environments");
    }
    if (creating && Json.stringList(resources, "subnets").isEmpty()) {
      throw ApiException.client("computeResources.subnets is required: at least one subnet");
    }
    List<String> unknown = InstanceTypeCatalog.unknown(typeNames);
    if (!unknown.isEmpty()) {
      throw ApiException.client("computeResources.instanceTypes contains types the emulator does not know: "
          + String.join(", ", unknown) + "; known: the m/c/r families of generations 5, 6i and 7i (large to 8xlarge), "
          + "m6g/c6g/r6g/c7g (large to 4xlarge), optimal, default_x86_64 and default_arm64");
    }
    List<InstanceType> types = InstanceTypeCatalog.resolve(typeNames);
    Duration scaleDownDelay = scaleDownDelay(resources.path("scalingPolicy"));
    resources.remove("desiredvCpus");
    resources.put("allocationStrategy", strategy.name());
    return new ComputeResources(spot, strategy, min, max, types, scaleDownDelay, resources);
  }

  /**
   * scalingPolicy.minScaleDownDelayMinutes (API Reference, ComputeScalingPolicy): 20 to 10,080
   * minutes; 0 (or no policy) unsets it, which leaves the emulator's default scale-in.
   */
  private static Duration scaleDownDelay(JsonNode policy) {
    if (!policy.isObject()) {
      return null;
    }
    Integer minutes = Json.optionalInt(policy, "minScaleDownDelayMinutes", 0, Integer.MAX_VALUE);
    if (minutes == null || minutes == 0) {
      return null;
    }
    if (minutes < BatchLimits.SCALE_DOWN_DELAY_MIN_MINUTES || minutes > BatchLimits.SCALE_DOWN_DELAY_MAX_MINUTES) {
      throw ApiException.client("computeResources.scalingPolicy.minScaleDownDelayMinutes " + minutes
          + " is out of range: allowed 0 (unset) or " + BatchLimits.SCALE_DOWN_DELAY_MIN_MINUTES + " to "
          + BatchLimits.SCALE_DOWN_DELAY_MAX_MINUTES);
    }
    return Duration.ofMinutes(minutes);
  }

  /**
   * desiredvCpus must lie within [minvCpus, maxvCpus] and, on update, not below the current value
   * (API Reference, ComputeResourceUpdate.desiredvCpus: Batch does not scale down on request).
   */
  void checkDesired(Integer desired, int current) {
    if (desired == null) {
      return;
    }
    if (desired < minvCpus || desired > maxvCpus) {
      throw ApiException.client("computeResources.desiredvCpus (" + desired + ") must be between minvCpus ("
          + minvCpus + ") and maxvCpus (" + maxvCpus + ")");
    }
    if (desired < current) {
      throw ApiException.client("Manually scaling down compute environment is not supported: desiredvCpus ("
          + desired + ") is below the current value " + current);
    }
  }

  /** Sets these resources on {@code ce}. */
  void applyTo(ComputeEnvironment ce) {
    ce.spot = spot;
    ce.strategy = strategy;
    ce.minvCpus = minvCpus;
    ce.maxvCpus = maxvCpus;
    ce.instanceTypes = instanceTypes;
    ce.scaleDownDelay = scaleDownDelay;
    ce.computeResources = rendered;
  }
}
