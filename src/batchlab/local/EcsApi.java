package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The slice of Amazon ECS (JSON 1.1, {@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>})
 * a watcher needs to count a compute environment's instances and time its jobs' containers:
 * ListContainerInstances, DescribeContainerInstances and DescribeTasks on the environment's cluster.
 * An instance is registered with ECS once it has booted; a terminated one is deregistered (INACTIVE:
 * only DescribeContainerInstances by ARN still shows it).
 */
final class EcsApi {

  static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

  private final Registry registry;

  EcsApi(Registry registry) {
    this.registry = registry;
  }

  JsonNode handle(String target, JsonNode body) {
    String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
    JsonNode request = ApiModel.ecs().request(operation).<JsonNode>map(shape -> shape.readBody(body, false))
        .orElse(body);
    return switch (operation) {
      case "ListContainerInstances" -> listContainerInstances(request);
      case "DescribeContainerInstances" -> describeContainerInstances(request);
      case "DescribeTasks" -> describeTasks(request);
      default -> throw new ApiException(400, "UnknownOperationException",
          "Operation " + operation + " is not supported by the batch-lab emulator's ECS endpoint");
    };
  }

  private JsonNode listContainerInstances(JsonNode body) {
    ComputeEnvironment ce = cluster(body);
    String status = Json.enumValue(body, "status", null,
        "ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED");
    if (body.hasNonNull("filter")) {
      throw invalid("filter (cluster query language) is not supported by the emulator");
    }
    List<String> arns = new ArrayList<>();
    for (Instance instance : ce.liveInstances.values()) {
      if (instance.state == Instance.State.ACTIVE && (status == null || status.equals("ACTIVE"))) {
        arns.add(instance.containerInstanceArn);
      }
    }
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("containerInstanceArns");
    try {
      Paging.page(arns, body, response).forEach(list::add);
    } catch (ApiException e) {
      throw invalid(e.getMessage());
    }
    return response;
  }

  /** ECS Describe* calls take 1 to 100 ARNs or ids per call (ECS API Reference). */
  private static final int MAX_REFERENCES = 100;

  /** The ARNs or ids in {@code field}: 1 to {@link #MAX_REFERENCES}, else ECS's InvalidParameterException. */
  private static List<String> references(JsonNode body, String field, String what) {
    List<String> wanted = Json.stringList(body, field);
    if (wanted.isEmpty() || wanted.size() > MAX_REFERENCES) {
      throw invalid(field + " must list 1 to " + MAX_REFERENCES + " " + what + " ARNs or ids, got " + wanted.size());
    }
    return wanted;
  }

  private JsonNode describeContainerInstances(JsonNode body) {
    ComputeEnvironment ce = cluster(body);
    return foundOrMissing(references(body, "containerInstances", "container instance"), "containerInstances",
        ref -> find(ce, ref), EcsApi::render);
  }

  /**
   * ECS's Describe answer: {@code listName} holds what each reference names, in the order asked, and
   * {@code failures} each reference nothing answers to (reason MISSING).
   */
  private static <T> ObjectNode foundOrMissing(List<String> wanted, String listName, Function<String, T> lookup,
      Function<T, JsonNode> render) {
    ObjectNode response = Json.object();
    ArrayNode found = response.putArray(listName);
    ArrayNode failures = response.putArray("failures");
    for (String ref : wanted) {
      T item = lookup.apply(ref);
      if (item == null) {
        failures.addObject().put("arn", ref).put("reason", "MISSING");
      } else {
        found.add(render.apply(item));
      }
    }
    return response;
  }

  /**
   * A job attempt's task: created when the job was placed (STARTING), started when the job went
   * RUNNING, stopped when the attempt ended, the same instants DescribeJobs reports. The emulator's
   * one container start delay has no separate image pull, so pullStartedAt/pullStoppedAt are left out.
   */
  private JsonNode describeTasks(JsonNode body) {
    ComputeEnvironment ce = cluster(body);
    return foundOrMissing(references(body, "tasks", "task"), "tasks",
        ref -> ce.tasks.get(ref.startsWith("arn:") ? ref : ce.ecsClusterArn.replace(":cluster/", ":task/") + "/" + ref),
        attempt -> renderTask(ce, attempt));
  }

  private static ObjectNode renderTask(ComputeEnvironment ce, Attempt attempt) {
    ObjectNode node = Json.object();
    node.put("taskArn", attempt.taskArn);
    node.put("clusterArn", ce.ecsClusterArn);
    node.put("containerInstanceArn", attempt.instance.containerInstanceArn);
    node.put("launchType", "EC2");
    String status = attempt.stoppedAt > 0 ? "STOPPED" : attempt.startedAt > 0 ? "RUNNING" : "PENDING";
    node.put("lastStatus", status);
    node.put("desiredStatus", attempt.stoppedAt > 0 ? "STOPPED" : "RUNNING");
    // JSON 1.1 timestamps are epoch seconds.
    node.put("createdAt", attempt.placedAt / 1000.0);
    if (attempt.startedAt > 0) {
      node.put("startedAt", attempt.startedAt / 1000.0);
    }
    if (attempt.stoppedAt > 0) {
      node.put("stoppedAt", attempt.stoppedAt / 1000.0);
      node.put("stoppedReason", attempt.statusReason);
    }
    return node;
  }

  private static Instance find(ComputeEnvironment ce, String ref) {
    for (Instance instance : ce.liveInstances.values()) {
      if (instance.state != Instance.State.BOOTING && matches(instance, ref)) {
        return instance;
      }
    }
    for (Instance instance : ce.terminatedInstances) {
      if (instance.registeredAt > 0 && matches(instance, ref)) {
        return instance;
      }
    }
    return null;
  }

  private static boolean matches(Instance instance, String ref) {
    return instance.containerInstanceArn.equals(ref) || instance.containerInstanceArn.endsWith("/" + ref);
  }

  private static ObjectNode render(Instance instance) {
    ObjectNode node = Json.object();
    node.put("containerInstanceArn", instance.containerInstanceArn);
    node.put("ec2InstanceId", instance.ec2InstanceId);
    node.put("version", 1);
    node.putObject("versionInfo").put("agentVersion", "1.89.0").put("dockerVersion", "DockerVersion: 25.0.8");
    boolean active = instance.state == Instance.State.ACTIVE;
    // Registered MEMORY is what jobs can use: the agent leaves the Batch AMI's 32 MiB reserve out.
    node.set("remainingResources", resources(active ? instance.freeVcpus() : 0, active ? instance.freeMemoryMiB() : 0));
    node.set("registeredResources", resources(instance.type.vcpus(), instance.type.usableMemoryMiB()));
    node.put("status", active ? "ACTIVE" : "INACTIVE");
    node.put("agentConnected", active);
    // A job's task is PENDING in ECS while the job is STARTING, RUNNING once the job is.
    long running = active ? instance.jobs.stream().filter(j -> j.status == JobStatus.RUNNING).count() : 0;
    node.put("runningTasksCount", running);
    node.put("pendingTasksCount", active ? instance.jobs.size() - running : 0);
    ArrayNode attributes = node.putArray("attributes");
    attributes.addObject().put("name", "ecs.instance-type").put("value", instance.type.name());
    attributes.addObject().put("name", "ecs.os-type").put("value", "linux");
    attributes.addObject().put("name", "ecs.cpu-architecture").put("value", "x86_64");
    attributes.addObject().put("name", "ecs.capability.spot").put("value", String.valueOf(instance.spot));
    // JSON 1.1 timestamps are epoch seconds.
    node.put("registeredAt", instance.registeredAt / 1000.0);
    return node;
  }

  /** ECS counts CPU in units of 1/1024 vCPU. */
  private static ArrayNode resources(int vcpus, int memoryMiB) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    list.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", vcpus * 1024);
    list.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", memoryMiB);
    return list;
  }

  private ComputeEnvironment cluster(JsonNode body) {
    String cluster = Json.optionalString(body, "cluster");
    String name = cluster == null ? "default" : cluster.substring(cluster.lastIndexOf('/') + 1);
    for (ComputeEnvironment ce : registry.environments()) {
      if (ce.ecsClusterName().equals(name)) {
        return ce;
      }
    }
    throw new ApiException(400, "ClusterNotFoundException", "Cluster not found: " + (cluster == null ? "default" : cluster));
  }

  private static ApiException invalid(String message) {
    return new ApiException(400, "InvalidParameterException", message);
  }
}
