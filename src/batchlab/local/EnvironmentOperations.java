package batchlab.local;

import batchlab.batch.AllocationStrategy;
import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Create/Update/Describe/DeleteComputeEnvironment (API Reference) for managed EC2 and SPOT environments. */
final class EnvironmentOperations {

  /** "optimal" (and its successor default_x86_64) means the c, m and r families (User Guide). */
  private static final List<String> OPTIMAL_FAMILIES = List.of("c5", "m5", "r5");

  private final Registry registry;
  private final Scheduler scheduler;
  private final Ids ids;

  EnvironmentOperations(Registry registry, Scheduler scheduler, Ids ids) {
    this.registry = registry;
    this.scheduler = scheduler;
    this.ids = ids;
  }

  void register(Map<String, Operation> ops) {
    ops.put("createcomputeenvironment", this::create);
    ops.put("updatecomputeenvironment", this::update);
    ops.put("describecomputeenvironments", this::describe);
    ops.put("deletecomputeenvironment", this::delete);
  }

  JsonNode create(JsonNode request) {
    String name = Json.requiredName(request, "computeEnvironmentName");
    if (registry.environments.containsKey(name)) {
      throw ApiException.client("Object already exists: compute environment " + name);
    }
    String type = Json.enumValue(request, "type", null, "MANAGED", "UNMANAGED");
    if (type == null) {
      throw ApiException.client("type is required (MANAGED or UNMANAGED)");
    }
    if (!type.equals("MANAGED")) {
      throw ApiException.client("type UNMANAGED is not supported by the emulator; use MANAGED");
    }
    ObjectNode resources = Json.optionalObject(request, "computeResources");
    if (resources == null) {
      throw ApiException.client("computeResources is required for a MANAGED compute environment");
    }
    String uuid = ids.uuid();
    ComputeEnvironment ce = new ComputeEnvironment(name, registry.arns.computeEnvironment(name), uuid,
        registry.arns.ecs("cluster/" + name + "_Batch_" + uuid), registry.nextSeq(),
        Json.stringMap(request, "tags"));
    ce.state = Json.enumValue(request, "state", "ENABLED", "ENABLED", "DISABLED");
    ce.serviceRole = Json.optionalString(request, "serviceRole");
    ce.updatePolicy = Json.optionalObject(request, "updatePolicy");
    applyResources(ce, resources.deepCopy(), true);
    Integer desired = Json.optionalInt(resources, "desiredvCpus", 0, Integer.MAX_VALUE);
    checkDesired(ce, desired, 0);
    registry.environments.put(name, ce);
    scheduler.environmentChanged(ce, desired);
    return nameAndArn(ce);
  }

  /**
   * UpdateComputeEnvironment. Changing only min/max/desired vCPUs is a scaling update applied in
   * place (User Guide, "Updating compute environments"); other computeResources fields are
   * accepted as an infrastructure update and take effect for instances launched afterwards.
   */
  JsonNode update(JsonNode request) {
    ComputeEnvironment ce = registry.environment(Json.requiredString(request, "computeEnvironment"));
    String state = Json.enumValue(request, "state", null, "ENABLED", "DISABLED");
    ObjectNode changes = Json.optionalObject(request, "computeResources");
    Integer desired = null;
    if (changes != null) {
      ObjectNode merged = ce.computeResources.deepCopy();
      merged.put("minvCpus", ce.minvCpus);
      merged.put("maxvCpus", ce.maxvCpus);
      boolean infrastructure = false;
      for (var field : changes.properties()) {
        if (!List.of("minvCpus", "maxvCpus", "desiredvCpus").contains(field.getKey())) {
          infrastructure = true;
        }
        if (!field.getKey().equals("desiredvCpus")) {
          merged.set(field.getKey(), field.getValue());
        }
      }
      if (infrastructure && ce.strategy == AllocationStrategy.BEST_FIT) {
        throw ApiException.client("Infrastructure updates are not supported for compute environments using the "
            + "BEST_FIT allocation strategy; only minvCpus, maxvCpus and desiredvCpus can be updated");
      }
      desired = Json.optionalInt(changes, "desiredvCpus", 0, Integer.MAX_VALUE);
      ComputeEnvironment probe = new ComputeEnvironment(ce.name, ce.arn, ce.uuid, ce.ecsClusterArn, 0, ce.tags);
      applyResources(probe, merged, false);
      checkDesired(probe, desired, ce.desiredvCpus);
      applyResources(ce, merged, false);
    }
    if (state != null) {
      ce.state = state;
    }
    String serviceRole = Json.optionalString(request, "serviceRole");
    if (serviceRole != null) {
      ce.serviceRole = serviceRole;
    }
    scheduler.environmentChanged(ce, desired);
    return nameAndArn(ce);
  }

  private JsonNode describe(JsonNode request) {
    List<ComputeEnvironment> found = Registry.describe("computeEnvironments",
        Json.stringList(request, "computeEnvironments"), registry.environments.values(), registry::environment);
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("computeEnvironments");
    Paging.page(found, request, response).forEach(ce -> list.add(render(ce)));
    return response;
  }

  private JsonNode delete(JsonNode request) {
    ComputeEnvironment ce = registry.environment(Json.requiredString(request, "computeEnvironment"));
    if (ce.enabled()) {
      throw ApiException.client("Cannot delete, compute environment " + ce.name + " is ENABLED; disable it first");
    }
    boolean used = registry.queues.values().stream().anyMatch(q -> q.computeEnvironments.contains(ce));
    if (used) {
      throw ApiException.client("Cannot delete, found existing JobQueue relationship for compute environment " + ce.name);
    }
    for (Instance instance : List.copyOf(ce.liveInstances.values())) {
      ce.terminate(instance, scheduler.now());
    }
    registry.environments.remove(ce.name);
    return Json.object();
  }

  private static ObjectNode nameAndArn(ComputeEnvironment ce) {
    ObjectNode node = Json.object();
    node.put("computeEnvironmentName", ce.name);
    node.put("computeEnvironmentArn", ce.arn);
    return node;
  }

  ObjectNode render(ComputeEnvironment ce) {
    ObjectNode node = nameAndArn(ce);
    node.put("ecsClusterArn", ce.ecsClusterArn);
    node.set("tags", Json.stringMapNode(ce.tags));
    node.put("type", "MANAGED");
    node.put("state", ce.state);
    node.put("status", "VALID");
    node.put("statusReason", "ComputeEnvironment Healthy");
    ObjectNode resources = ce.computeResources.deepCopy();
    resources.put("minvCpus", ce.minvCpus);
    resources.put("maxvCpus", ce.maxvCpus);
    resources.put("desiredvCpus", ce.desiredvCpus);
    node.set("computeResources", resources);
    if (ce.serviceRole != null) {
      node.put("serviceRole", ce.serviceRole);
    }
    if (ce.updatePolicy != null) {
      node.set("updatePolicy", ce.updatePolicy);
    }
    node.put("uuid", ce.uuid);
    node.put("containerOrchestrationType", "ECS");
    return node;
  }

  /** Validates computeResources (API Reference, ComputeResource) and applies them to {@code ce}. */
  private static void applyResources(ComputeEnvironment ce, ObjectNode resources, boolean creating) {
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
    int min = orZero(Json.optionalInt(resources, "minvCpus", 0, Integer.MAX_VALUE));
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
    List<String> expanded = new ArrayList<>();
    for (String name : typeNames) {
      if (name.equals("optimal") || name.equals("default_x86_64")) {
        expanded.addAll(OPTIMAL_FAMILIES);
      } else {
        expanded.add(name);
      }
    }
    List<String> unknown = InstanceTypeCatalog.unknown(expanded);
    if (!unknown.isEmpty()) {
      throw ApiException.client("computeResources.instanceTypes contains types the emulator does not know: "
          + String.join(", ", unknown) + "; known: the m/c/r families of generations 5, 6i and 7i, large to 8xlarge, "
          + "and optimal");
    }
    List<InstanceType> types = InstanceTypeCatalog.resolve(expanded);
    JsonNode scaling = resources.path("scalingPolicy").path("minScaleDownDelayMinutes");
    ce.spot = spot;
    ce.strategy = strategy;
    ce.minvCpus = min;
    ce.maxvCpus = max;
    ce.instanceTypes = types;
    ce.scaleDownDelay = scaling.isInt() && scaling.asInt() > 0 ? Duration.ofMinutes(scaling.asInt()) : null;
    resources.remove("desiredvCpus");
    resources.put("allocationStrategy", strategy.name());
    ce.computeResources = resources;
  }

  /**
   * desiredvCpus must lie within [minvCpus, maxvCpus] and, on update, not below the current value
   * (API Reference, ComputeResourceUpdate.desiredvCpus: Batch does not scale down on request).
   */
  private static void checkDesired(ComputeEnvironment ce, Integer desired, int current) {
    if (desired == null) {
      return;
    }
    if (desired < ce.minvCpus || desired > ce.maxvCpus) {
      throw ApiException.client("computeResources.desiredvCpus (" + desired + ") must be between minvCpus ("
          + ce.minvCpus + ") and maxvCpus (" + ce.maxvCpus + ")");
    }
    if (desired < current) {
      throw ApiException.client("Manually scaling down compute environment is not supported: desiredvCpus ("
          + desired + ") is below the current value " + current);
    }
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
