package batchlab.local;

import batchlab.batch.BatchLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Register/Describe/DeregisterJobDefinition (API Reference) for container job definitions. */
final class DefinitionOperations {

  /** A RegisterJobDefinition call as sent, checked. */
  record RegisterRequest(String name, ObjectNode containerProperties, Resources resources,
      Map<String, String> parameters, RetryStrategy retryStrategy, Integer attemptDurationSeconds,
      Map<String, String> tags, List<String> platformCapabilities, boolean propagateTags,
      Integer schedulingPriority) {

    static RegisterRequest parse(JsonNode request) {
      String name = Json.requiredName(request, "jobDefinitionName");
      int size = Json.MAPPER.valueToTree(request).toString().getBytes(StandardCharsets.UTF_8).length;
      if (size > BatchLimits.JOB_DEFINITION_BYTES) {
        throw ApiException.client("Job definition " + name + " is " + size + " bytes; the limit is "
            + BatchLimits.JOB_DEFINITION_BYTES / 1024 + " KiB");
      }
      String type = Json.enumValue(request, "type", null, "container", "multinode");
      if (type == null) {
        throw ApiException.client("type is required (container)");
      }
      if (!type.equals("container")) {
        throw ApiException.client("type multinode is not supported by the emulator; use container");
      }
      ObjectNode container = Json.optionalObject(request, "containerProperties");
      if (container == null) {
        throw ApiException.client("containerProperties is required for a container job definition");
      }
      if (Json.optionalString(container, "image") == null) {
        throw ApiException.client("containerProperties.image is required");
      }
      Resources resources = ResourceRequirements.of(container, null, "containerProperties");
      ObjectNode timeout = Json.optionalObject(request, "timeout");
      Integer attemptDuration = timeout == null ? null
          : Json.optionalInt(timeout, "attemptDurationSeconds", 60, Integer.MAX_VALUE);
      List<String> platforms = Json.stringList(request, "platformCapabilities");
      if (platforms.stream().anyMatch(p -> !p.equals("EC2"))) {
        throw ApiException.client("platformCapabilities " + platforms + " not supported by the emulator; use EC2");
      }
      return new RegisterRequest(name, container.deepCopy(), resources, Json.stringMap(request, "parameters"),
          RetryStrategy.parse(request.get("retryStrategy")), attemptDuration, Json.stringMap(request, "tags"),
          platforms.isEmpty() ? List.of("EC2") : List.copyOf(platforms),
          request.path("propagateTags").asBoolean(false),
          Json.optionalInt(request, "schedulingPriority", 0, BatchLimits.PRIORITY_MAX));
    }
  }

  private final Registry registry;

  DefinitionOperations(Registry registry) {
    this.registry = registry;
  }

  void register(Map<String, Operation> ops) {
    ops.put("registerjobdefinition", this::registerDefinition);
    ops.put("describejobdefinitions", this::describe);
    ops.put("deregisterjobdefinition", this::deregister);
  }

  JsonNode registerDefinition(JsonNode request) {
    return register(RegisterRequest.parse(request));
  }

  /** Each registration of a name adds the next revision, starting at 1. */
  private JsonNode register(RegisterRequest request) {
    String name = request.name();
    JobDefinition definition = registry.addDefinition(name, revision -> new JobDefinition(name, revision,
        registry.arns.jobDefinition(name, revision), request.containerProperties(), request.resources(),
        request.parameters(), request.retryStrategy(), request.attemptDurationSeconds(), request.tags(),
        request.platformCapabilities(), request.propagateTags(), request.schedulingPriority()));
    ObjectNode response = Json.object();
    response.put("jobDefinitionName", name);
    response.put("jobDefinitionArn", definition.arn);
    response.put("revision", definition.revision);
    return response;
  }

  private JsonNode describe(JsonNode request) {
    List<String> refs = Json.stringList(request, "jobDefinitions");
    if (refs.size() > BatchLimits.DESCRIBE_NAMES_MAX) {
      throw ApiException.client("jobDefinitions accepts at most " + BatchLimits.DESCRIBE_NAMES_MAX
          + " names or ARNs, got " + refs.size());
    }
    String byName = Json.optionalString(request, "jobDefinitionName");
    String status = Json.enumValue(request, "status", null, "ACTIVE", "INACTIVE");
    List<JobDefinition> found = new ArrayList<>();
    for (JobDefinition definition : registry.allDefinitions()) {
      boolean wanted = refs.isEmpty() || refs.stream().anyMatch(ref -> matches(ref, definition));
      if (wanted && (byName == null || byName.equals(definition.name))
          && (status == null || status.equals(definition.status))) {
        found.add(definition);
      }
    }
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("jobDefinitions");
    Paging.page(found, request, response).forEach(d -> list.add(render(d)));
    return response;
  }

  JsonNode deregister(JsonNode request) {
    String ref = Json.requiredString(request, "jobDefinition");
    JobDefinition definition = registry.definition(ref);
    definition.status = "INACTIVE";
    return Json.object();
  }

  /** A name matches every revision; name:revision and ARNs match exactly one. */
  private static boolean matches(String ref, JobDefinition definition) {
    return ref.equals(definition.arn) || ref.equals(definition.name)
        || ref.equals(definition.name + ":" + definition.revision);
  }

  static ObjectNode render(JobDefinition definition) {
    ObjectNode node = Json.object();
    node.put("jobDefinitionName", definition.name);
    node.put("jobDefinitionArn", definition.arn);
    node.put("revision", definition.revision);
    node.put("status", definition.status);
    node.put("type", "container");
    node.set("parameters", Json.stringMapNode(definition.parameters));
    node.set("retryStrategy", definition.retryStrategy.toJson());
    node.set("containerProperties", definition.containerProperties.deepCopy());
    if (definition.attemptDurationSeconds != null) {
      node.putObject("timeout").put("attemptDurationSeconds", definition.attemptDurationSeconds);
    }
    node.set("tags", Json.stringMapNode(definition.tags));
    node.put("propagateTags", definition.propagateTags);
    if (definition.schedulingPriority != null) {
      node.put("schedulingPriority", definition.schedulingPriority);
    }
    node.set("platformCapabilities", Json.stringArray(definition.platformCapabilities));
    node.put("containerOrchestrationType", "ECS");
    return node;
  }
}
