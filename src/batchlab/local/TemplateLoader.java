package batchlab.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates the compute environments, job queues and job definitions of a CloudFormation template
 * (the {@code AWS::Batch::*} resources, as CDK synthesizes them) through the same operations the
 * API uses, and resolves the template's Outputs, so the emulator looks like the deployed stack.
 *
 * <p>Physical ids: Batch resources without an explicit name get {@code <LogicalId>-<16 chars>};
 * IAM roles, instance profiles and log groups {@code <stack>-<LogicalId>-<13 chars>}; VPC pieces
 * AWS-style ids ({@code vpc-}, {@code subnet-}, {@code sg-} + 17 hex). All are derived from stack
 * name, logical id and seed ({@link PhysicalNames}). As in CloudFormation, Ref on a Batch compute
 * environment, job queue or job definition yields its ARN.
 */
final class TemplateLoader {

  /** Property maps whose keys are user data, not CloudFormation property names. */
  private static final Set<String> USER_KEYED = Set.of("Parameters", "Tags", "Options", "DriverOpts", "Labels");
  /** Properties CloudFormation accepts as numeric strings but the API wants as numbers. */
  private static final Set<String> NUMERIC = Set.of("maxvCpus", "minvCpus", "desiredvCpus", "priority", "order",
      "attempts", "attemptDurationSeconds", "maxTimeSeconds", "bidPercentage", "vcpus", "memory",
      "minScaleDownDelayMinutes", "schedulingPriority", "shareDecaySeconds", "computeReservation");

  private final String stackName;
  private final long seed;
  private final Arns arns;
  private final JsonNode template;
  private final JsonNode resources;
  private final Map<String, String> refs = new HashMap<>();
  private final IntrinsicResolver resolver;

  /** Physical names of replaced resources: logical id to how many times it was replaced. */
  private final Map<String, Integer> generations;

  TemplateLoader(String templateJson, String stackName, long seed, Arns arns) {
    this(parse(templateJson), stackName, seed, arns, Map.of(), Map.of());
  }

  /**
   * A loader for an update: {@code knownRefs} are the Ref values of resources that stay as they are
   * (logical id to physical id), {@code generations} how often each resource was replaced so far.
   */
  TemplateLoader(JsonNode template, String stackName, long seed, Arns arns, Map<String, String> knownRefs,
      Map<String, Integer> generations) {
    this.stackName = stackName;
    this.seed = seed;
    this.arns = arns;
    this.template = template;
    this.generations = Map.copyOf(generations);
    this.refs.putAll(knownRefs);
    this.resources = template.get("Resources");
    Map<String, String> pseudo = new HashMap<>();
    pseudo.put("AWS::Region", arns.region());
    pseudo.put("AWS::AccountId", arns.account());
    pseudo.put("AWS::StackName", stackName);
    pseudo.put("AWS::StackId", stackId());
    pseudo.put("AWS::Partition", "aws");
    pseudo.put("AWS::URLSuffix", "amazonaws.com");
    pseudo.put("AWS::NotificationARNs", "");
    this.resolver = new IntrinsicResolver(template, pseudo, this::ref, this::attribute);
  }

  /** The template as a JSON tree; a malformed one is a {@link TemplateException}. */
  static JsonNode parse(String templateJson) {
    JsonNode template;
    try {
      template = Json.MAPPER.readTree(templateJson);
    } catch (JsonProcessingException e) {
      throw new TemplateException("template is not valid JSON: " + e.getOriginalMessage());
    }
    if (template == null || !template.path("Resources").isObject()) {
      throw new TemplateException("template has no Resources section");
    }
    return template;
  }

  String stackId() {
    return "arn:aws:cloudformation:" + arns.region() + ":" + arns.account() + ":stack/" + stackName + "/"
        + PhysicalNames.hexId(stackName, "StackId", seed, 8) + "-0000-4000-8000-"
        + PhysicalNames.hexId(stackName, "StackIdTail", seed, 12);
  }

  /**
   * Creates the Batch resources through the operations (compute environments first, then queues,
   * then job definitions) and returns the stack as DescribeStacks shows it.
   */
  LoadedStack load(EnvironmentOperations environments, SchedulingPolicyOperations policies, QueueOperations queues,
      DefinitionOperations definitions, long createdAt) {
    create("AWS::Batch::ComputeEnvironment", environments::create);
    create("AWS::Batch::SchedulingPolicy", policies::create);
    create("AWS::Batch::JobQueue", queues::create);
    create("AWS::Batch::JobDefinition", definitions::registerDefinition);
    return new LoadedStack(stackName, stackId(), createdAt, outputs(), physicalIds());
  }

  /** The template's Outputs, resolved. */
  List<LoadedStack.Output> outputs() {
    List<LoadedStack.Output> outputs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> output : template.path("Outputs").properties()) {
      JsonNode body = output.getValue();
      if (body.hasNonNull("Condition") && !resolver.condition(body.get("Condition").asText())) {
        continue;
      }
      String where = "output " + output.getKey();
      String value = resolver.resolveText(body.get("Value"), where);
      String description = body.hasNonNull("Description") ? resolver.resolveText(body.get("Description"), where) : null;
      String export = body.path("Export").hasNonNull("Name")
          ? resolver.resolveText(body.path("Export").get("Name"), where + " export name") : null;
      outputs.add(new LoadedStack.Output(output.getKey(), value, description, export));
    }
    return List.copyOf(outputs);
  }

  /** Logical id to physical id (Ref value) of every resource the template includes. */
  Map<String, String> physicalIds() {
    Map<String, String> physicalIds = new LinkedHashMap<>();
    resources.fieldNames().forEachRemaining(id -> {
      if (included(id)) {
        physicalIds.put(id, ref(id));
      }
    });
    return Map.copyOf(physicalIds);
  }

  /** Sets what Ref on {@code logicalId} yields (a job definition's ARN once its revision is known). */
  void setRef(String logicalId, String value) {
    refs.put(logicalId, value);
  }

  /**
   * The API request that creates (or updates) Batch resource {@code logicalId}: its properties resolved,
   * in the API's field names, with its name filled in.
   */
  ObjectNode request(String logicalId) {
    String type = type(logicalId);
    JsonNode properties = resolver.resolve(resources.path(logicalId).path("Properties"));
    ObjectNode request = (ObjectNode) toApi(properties == null ? Json.object() : properties, false);
    nameField(type).ifPresent(field -> request.put(field, name(logicalId)));
    normalise(type, request);
    // Typed as the create operation reads a request, with CloudFormation's conversions ("4" for 4).
    ObjectNode typed = ApiModel.batch().request(createOperation(type)).orElseThrow().readBody(request, true);
    if (request.has("updatePolicy")) {
      // A template property with no place in CreateComputeEnvironment: typed as UpdateComputeEnvironment
      // reads it, and kept, since stack updates apply it.
      ObjectNode policy = Json.object().set("updatePolicy", request.get("updatePolicy"));
      typed.setAll(ApiModel.batch().request("updatecomputeenvironment").orElseThrow().readBody(policy, true));
    }
    return typed;
  }

  /** The API operation that creates a resource of {@code type}, whose request shape its properties take. */
  private static String createOperation(String type) {
    return switch (type) {
      case "AWS::Batch::ComputeEnvironment" -> "createcomputeenvironment";
      case "AWS::Batch::JobQueue" -> "createjobqueue";
      case "AWS::Batch::JobDefinition" -> "registerjobdefinition";
      case "AWS::Batch::SchedulingPolicy" -> "createschedulingpolicy";
      default -> throw new TemplateException("resource type " + type + " is not a Batch resource the emulator creates");
    };
  }

  /** Creates every resource of {@code type} through {@code operation}, typed as CloudFormation converts values. */
  private void create(String type, Operation operation) {
    for (Map.Entry<String, JsonNode> resource : resources.properties()) {
      if (!type.equals(resource.getValue().path("Type").asText()) || !included(resource.getKey())) {
        continue;
      }
      String logicalId = resource.getKey();
      try {
        operation.apply(request(logicalId));
      } catch (ApiException | TemplateException e) {
        throw new TemplateException("template resource " + logicalId + " (" + type + "): " + e.getMessage());
      }
    }
  }

  boolean included(String logicalId) {
    JsonNode condition = resources.path(logicalId).get("Condition");
    return condition == null || resolver.condition(condition.asText());
  }

  private static java.util.Optional<String> nameField(String type) {
    return java.util.Optional.ofNullable(switch (type) {
      case "AWS::Batch::ComputeEnvironment" -> "computeEnvironmentName";
      case "AWS::Batch::JobQueue" -> "jobQueueName";
      case "AWS::Batch::JobDefinition" -> "jobDefinitionName";
      case "AWS::Batch::SchedulingPolicy" -> "name";
      default -> null;
    });
  }

  /** CloudFormation spells some enum values differently from the API (CDK writes "managed"). */
  private static void normalise(String type, ObjectNode request) {
    switch (type) {
      case "AWS::Batch::ComputeEnvironment" -> {
        if (request.hasNonNull("type")) {
          request.put("type", request.get("type").asText().toUpperCase(Locale.ROOT));
        }
        request.remove("replaceComputeEnvironment");
      }
      case "AWS::Batch::JobDefinition" -> {
        if (request.hasNonNull("type")) {
          request.put("type", request.get("type").asText().toLowerCase(Locale.ROOT));
        }
        request.remove("resourceRetentionPolicy");
      }
      default -> { }
    }
  }

  /** CloudFormation property names (PascalCase) to API field names (camelCase), values untouched. */
  private static JsonNode toApi(JsonNode node, boolean userKeyed) {
    if (node.isArray()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      node.forEach(item -> out.add(toApi(item, false)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = Json.object();
    node.properties().forEach(field -> {
      String key = userKeyed ? field.getKey() : camel(field.getKey());
      JsonNode value = userKeyed ? field.getValue() : toApi(field.getValue(), USER_KEYED.contains(field.getKey()));
      if (!userKeyed && NUMERIC.contains(key) && value.isTextual() && value.asText().matches("-?\\d+")) {
        value = IntNode.valueOf(Integer.parseInt(value.asText()));
      }
      out.set(key, value);
    });
    return out;
  }

  private static String camel(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  // ---------------------------------------------------------------- physical ids

  String type(String logicalId) {
    return resources.path(logicalId).path("Type").asText();
  }

  /** The name a Batch resource gets: its explicit name property, else a generated one. */
  String name(String logicalId) {
    String type = type(logicalId);
    String property = switch (type) {
      case "AWS::Batch::ComputeEnvironment" -> "ComputeEnvironmentName";
      case "AWS::Batch::JobQueue" -> "JobQueueName";
      case "AWS::Batch::JobDefinition" -> "JobDefinitionName";
      case "AWS::Batch::SchedulingPolicy" -> "Name";
      case "AWS::Logs::LogGroup" -> "LogGroupName";
      case "AWS::IAM::Role" -> "RoleName";
      case "AWS::IAM::InstanceProfile" -> "InstanceProfileName";
      default -> null;
    };
    JsonNode explicit = property == null ? null : resources.path(logicalId).path("Properties").get(property);
    if (explicit != null) {
      return resolver.resolveText(explicit, logicalId + "." + property);
    }
    if (type.startsWith("AWS::Batch::")) {
      return PhysicalNames.resourceName(stackName, logicalId, seed, 128, generations.getOrDefault(logicalId, 0));
    }
    return PhysicalNames.stackScopedName(stackName, logicalId, seed, type.equals("AWS::Logs::LogGroup") ? 512 : 64);
  }

  /** What Ref returns for a resource (CloudFormation template reference, per resource type). */
  private String ref(String logicalId) {
    String known = refs.get(logicalId);
    if (known != null) {
      return known;
    }
    String value = switch (type(logicalId)) {
      case "AWS::Batch::ComputeEnvironment" -> arns.computeEnvironment(name(logicalId));
      case "AWS::Batch::JobQueue" -> arns.jobQueue(name(logicalId));
      case "AWS::Batch::JobDefinition" -> arns.jobDefinition(name(logicalId), 1);
      case "AWS::Batch::SchedulingPolicy" -> arns.schedulingPolicy(name(logicalId));
      case "AWS::Logs::LogGroup", "AWS::IAM::Role", "AWS::IAM::InstanceProfile" -> name(logicalId);
      case "AWS::EC2::VPC" -> "vpc-" + PhysicalNames.hexId(stackName, logicalId, seed, 17);
      case "AWS::EC2::Subnet" -> "subnet-" + PhysicalNames.hexId(stackName, logicalId, seed, 17);
      case "AWS::EC2::SecurityGroup" -> "sg-" + PhysicalNames.hexId(stackName, logicalId, seed, 17);
      case "AWS::EC2::LaunchTemplate" -> "lt-" + PhysicalNames.hexId(stackName, logicalId, seed, 17);
      default -> PhysicalNames.resourceName(stackName, logicalId, seed, 128);
    };
    refs.put(logicalId, value);
    return value;
  }

  /** Fn::GetAtt values: the ARN attributes of the usual types, ids for EC2 pieces, else the Ref. */
  private String attribute(String logicalId, String attribute) {
    String type = type(logicalId);
    String ref = ref(logicalId);
    return switch (type + "." + attribute) {
      case "AWS::Batch::ComputeEnvironment.ComputeEnvironmentArn", "AWS::Batch::JobQueue.JobQueueArn",
          "AWS::Batch::JobDefinition.JobDefinitionArn", "AWS::Batch::SchedulingPolicy.Arn" -> ref;
      case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + arns.account() + ":role/" + ref;
      case "AWS::IAM::Role.RoleId" -> "AROA" + PhysicalNames.hexId(stackName, logicalId, seed, 17).toUpperCase();
      case "AWS::IAM::InstanceProfile.Arn" -> "arn:aws:iam::" + arns.account() + ":instance-profile/" + ref;
      case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs:" + arns.region() + ":" + arns.account() + ":log-group:" + ref + ":*";
      case "AWS::EC2::SecurityGroup.GroupId" -> ref;
      case "AWS::EC2::VPC.CidrBlock" -> "10.0.0.0/16";
      case "AWS::EC2::VPC.DefaultSecurityGroup" -> "sg-" + PhysicalNames.hexId(stackName, logicalId + "Default", seed, 17);
      case "AWS::EC2::LaunchTemplate.LatestVersionNumber", "AWS::EC2::LaunchTemplate.DefaultVersionNumber" -> "1";
      default -> attribute.equals("Arn") || attribute.endsWith("Arn")
          ? "arn:aws:" + service(type) + ":" + arns.region() + ":" + arns.account() + ":" + ref
          : ref;
    };
  }

  private static String service(String type) {
    String[] parts = type.split("::");
    return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
  }
}
