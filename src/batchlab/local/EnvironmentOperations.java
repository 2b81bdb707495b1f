package batchlab.local;

import batchlab.batch.UpdateRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Create/Update/Describe/DeleteComputeEnvironment (API Reference) for managed EC2 and SPOT environments. */
final class EnvironmentOperations {

  /**
   * The fields of a scaling update (User Guide, "Updating compute environments"; the scale-down delay of
   * the scaling policy included); changing any other computeResources field is an infrastructure update.
   */
  private static final List<String> SCALING_FIELDS = List.of("minvCpus", "maxvCpus", "desiredvCpus", "scalingPolicy");

  /** A CreateComputeEnvironment call as sent, checked. */
  record CreateRequest(String name, String state, String serviceRole, ObjectNode updatePolicy,
      ComputeResources resources, Integer desiredvCpus, Map<String, String> tags) {

    static CreateRequest parse(JsonNode request) {
      String name = Json.requiredName(request, "computeEnvironmentName");
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
      Map<String, String> tags = Json.stringMap(request, "tags");
      String state = Json.enumValue(request, "state", "ENABLED", "ENABLED", "DISABLED");
      String serviceRole = Json.optionalString(request, "serviceRole");
      ObjectNode updatePolicy = Json.optionalObject(request, "updatePolicy");
      ComputeResources parsed = ComputeResources.parse(resources, true);
      Integer desired = Json.optionalInt(resources, "desiredvCpus", 0, Integer.MAX_VALUE);
      parsed.checkDesired(desired, 0);
      return new CreateRequest(name, state, serviceRole, updatePolicy, parsed, desired, tags);
    }
  }

  /**
   * An UpdateComputeEnvironment call as sent, checked as far as it can be without the environment.
   *
   * @param changes the computeResources fields to change, null if none
   */
  record UpdateRequest(String computeEnvironment, String state, ObjectNode changes, Integer desiredvCpus,
      String serviceRole, ObjectNode updatePolicy) {

    static UpdateRequest parse(JsonNode request) {
      String ce = Json.requiredString(request, "computeEnvironment");
      String state = Json.enumValue(request, "state", null, "ENABLED", "DISABLED");
      ObjectNode changes = Json.optionalObject(request, "computeResources");
      Integer desired = changes == null ? null : Json.optionalInt(changes, "desiredvCpus", 0, Integer.MAX_VALUE);
      ObjectNode policy = Json.optionalObject(request, "updatePolicy");
      return new UpdateRequest(ce, state, changes == null ? null : changes.deepCopy(), desired,
          Json.optionalString(request, "serviceRole"), policy == null ? null : policy.deepCopy());
    }

    /** Whether a field other than min/max/desired vCPUs and the scaling policy changes. */
    boolean infrastructure() {
      return changes != null && changes.properties().stream().anyMatch(f -> !SCALING_FIELDS.contains(f.getKey()));
    }
  }

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
    return create(CreateRequest.parse(request));
  }

  private JsonNode create(CreateRequest request) {
    String name = request.name();
    if (registry.hasEnvironment(name)) {
      throw ApiException.client("Object already exists: compute environment " + name);
    }
    String uuid = ids.uuid();
    ComputeEnvironment ce = new ComputeEnvironment(name, registry.arns.computeEnvironment(name), uuid,
        registry.arns.ecs("cluster/" + name + "_Batch_" + uuid), registry.nextSeq(), request.tags());
    ce.state = request.state();
    ce.serviceRole = request.serviceRole();
    ce.updatePolicy = request.updatePolicy();
    request.resources().applyTo(ce);
    registry.addEnvironment(ce);
    scheduler.environmentChanged(ce, request.desiredvCpus());
    return nameAndArn(ce);
  }

  /**
   * UpdateComputeEnvironment. Changing only min/max/desired vCPUs is a scaling update applied in
   * place (User Guide, "Update a compute environment"); other computeResources fields make an
   * infrastructure update, which Batch accepts only as {@link UpdateRules#infrastructureUpdateRefusal}
   * says, and which replaces the instances as they drain under the update policy.
   */
  JsonNode update(JsonNode request) {
    return update(UpdateRequest.parse(request));
  }

  private JsonNode update(UpdateRequest request) {
    ComputeEnvironment ce = registry.environment(request.computeEnvironment());
    ObjectNode changes = request.changes();
    boolean infrastructure = request.infrastructure();
    if (changes != null) {
      ObjectNode merged = ce.computeResources.deepCopy();
      merged.put("minvCpus", ce.minvCpus);
      merged.put("maxvCpus", ce.maxvCpus);
      for (var field : changes.properties()) {
        if (!field.getKey().equals("desiredvCpus")) {
          merged.set(field.getKey(), field.getValue());
        }
      }
      if (infrastructure) {
        String role = request.serviceRole() != null ? request.serviceRole() : ce.serviceRole;
        UpdateRules.infrastructureUpdateRefusal(role, ce.strategy.name(),
            Json.optionalString(merged, "allocationStrategy")).ifPresent(reason -> {
              throw ApiException.client(reason);
            });
      }
      ComputeResources resources = ComputeResources.parse(merged, false);
      resources.checkDesired(request.desiredvCpus(), ce.desiredvCpus);
      resources.applyTo(ce);
    }
    if (request.state() != null) {
      ce.state = request.state();
    }
    if (request.serviceRole() != null) {
      ce.serviceRole = request.serviceRole();
    }
    if (request.updatePolicy() != null) {
      ce.updatePolicy = request.updatePolicy();
    }
    if (infrastructure) {
      UpdateRules.UpdatePolicy policy = UpdateRules.UpdatePolicy.of(ce.updatePolicy);
      scheduler.replaceInstances(ce, policy.terminateJobsOnUpdate(),
          java.time.Duration.ofMinutes(policy.jobExecutionTimeoutMinutes()));
    }
    scheduler.environmentChanged(ce, request.desiredvCpus());
    return nameAndArn(ce);
  }

  private JsonNode describe(JsonNode request) {
    List<ComputeEnvironment> found = Registry.describe("computeEnvironments",
        Json.stringList(request, "computeEnvironments"), registry.environments(), registry::environment);
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("computeEnvironments");
    Paging.page(found, request, response).forEach(ce -> list.add(render(ce)));
    return response;
  }

  JsonNode delete(JsonNode request) {
    ComputeEnvironment ce = registry.environment(Json.requiredString(request, "computeEnvironment"));
    if (ce.enabled()) {
      throw ApiException.client("Cannot delete, compute environment " + ce.name + " is ENABLED; disable it first");
    }
    boolean used = registry.queues().stream().anyMatch(q -> q.computeEnvironments.contains(ce));
    if (used) {
      throw ApiException.client("Cannot delete, found existing JobQueue relationship for compute environment " + ce.name);
    }
    scheduler.removeInstances(ce);
    registry.removeEnvironment(ce);
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
    node.put("status", ce.updating() ? "UPDATING" : "VALID");
    node.put("statusReason", ce.updating() ? "ComputeEnvironment is being updated: instances are replaced as they drain"
        : "ComputeEnvironment Healthy");
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
}
