package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Create/Update/Describe/DeleteJobQueue (API Reference). */
final class QueueOperations {

  /** User Guide, "AWS Batch service quotas": compute environments per job queue. */
  static final int MAX_ENVIRONMENTS_PER_QUEUE = 3;

  private final Registry registry;
  private final Scheduler scheduler;

  QueueOperations(Registry registry, Scheduler scheduler) {
    this.registry = registry;
    this.scheduler = scheduler;
  }

  void register(Map<String, Operation> ops) {
    ops.put("createjobqueue", this::create);
    ops.put("updatejobqueue", this::update);
    ops.put("describejobqueues", this::describe);
    ops.put("deletejobqueue", this::delete);
  }

  JsonNode create(JsonNode request) {
    String name = Json.requiredName(request, "jobQueueName");
    if (registry.queues.containsKey(name)) {
      throw ApiException.client("Object already exists: job queue " + name);
    }
    Integer priority = Json.optionalInt(request, "priority", 0, 1000);
    if (priority == null) {
      throw ApiException.client("priority is required (0-1000)");
    }
    JobQueue queue = new JobQueue(name, registry.arns.jobQueue(name), registry.nextSeq(), Json.stringMap(request, "tags"));
    queue.state = Json.enumValue(request, "state", "ENABLED", "ENABLED", "DISABLED");
    queue.priority = priority;
    queue.schedulingPolicyArn = Json.optionalString(request, "schedulingPolicyArn");
    setEnvironments(queue, request.get("computeEnvironmentOrder"), true);
    queue.timeLimitActions = TimeLimitAction.parseList(request.get("jobStateTimeLimitActions"));
    registry.queues.put(name, queue);
    scheduler.addQueue(queue);
    return nameAndArn(queue);
  }

  private JsonNode update(JsonNode request) {
    JobQueue queue = registry.queue(Json.requiredString(request, "jobQueue"));
    String state = Json.enumValue(request, "state", null, "ENABLED", "DISABLED");
    Integer priority = Json.optionalInt(request, "priority", 0, 1000);
    if (request.hasNonNull("computeEnvironmentOrder")) {
      setEnvironments(queue, request.get("computeEnvironmentOrder"), false);
    }
    if (request.has("jobStateTimeLimitActions")) {
      queue.timeLimitActions = TimeLimitAction.parseList(request.get("jobStateTimeLimitActions"));
    }
    if (state != null) {
      queue.state = state;
    }
    if (priority != null) {
      queue.priority = priority;
      scheduler.sortQueues();
    }
    scheduler.markDirty();
    return nameAndArn(queue);
  }

  private JsonNode describe(JsonNode request) {
    List<JobQueue> found = Registry.describe("jobQueues", Json.stringList(request, "jobQueues"),
        registry.queues.values(), registry::queue);
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("jobQueues");
    Paging.page(found, request, response).forEach(q -> list.add(render(q)));
    return response;
  }

  private JsonNode delete(JsonNode request) {
    JobQueue queue = registry.queue(Json.requiredString(request, "jobQueue"));
    if (queue.enabled()) {
      throw ApiException.client("Cannot delete, job queue " + queue.name + " is ENABLED; disable it first");
    }
    for (Job job : List.copyOf(queue.all.values())) {
      if (!job.status.terminal()) {
        scheduler.terminate(job, "Job queue deleted");
      }
    }
    registry.queues.remove(queue.name);
    scheduler.removeQueue(queue);
    return Json.object();
  }

  private void setEnvironments(JobQueue queue, JsonNode order, boolean required) {
    if (order == null || order.isNull() || !order.isArray() || order.isEmpty()) {
      if (required) {
        throw ApiException.client("computeEnvironmentOrder is required: a list of {order, computeEnvironment}");
      }
      return;
    }
    if (order.size() > MAX_ENVIRONMENTS_PER_QUEUE) {
      throw ApiException.client("computeEnvironmentOrder may list at most " + MAX_ENVIRONMENTS_PER_QUEUE
          + " compute environments, got " + order.size());
    }
    record Entry(int order, ComputeEnvironment ce) {}
    List<Entry> entries = new ArrayList<>();
    for (JsonNode item : order) {
      Integer position = Json.optionalInt(item, "order", 0, Integer.MAX_VALUE);
      if (position == null) {
        throw ApiException.client("computeEnvironmentOrder.order is required");
      }
      entries.add(new Entry(position, registry.environment(Json.requiredString(item, "computeEnvironment"))));
    }
    entries.sort(Comparator.comparingInt(Entry::order));
    queue.computeEnvironments = new ArrayList<>(entries.stream().map(Entry::ce).toList());
    queue.computeEnvironmentOrders = new ArrayList<>(entries.stream().map(Entry::order).toList());
  }

  private static ObjectNode nameAndArn(JobQueue queue) {
    ObjectNode node = Json.object();
    node.put("jobQueueName", queue.name);
    node.put("jobQueueArn", queue.arn);
    return node;
  }

  private static ObjectNode render(JobQueue queue) {
    ObjectNode node = nameAndArn(queue);
    node.put("state", queue.state);
    if (queue.schedulingPolicyArn != null) {
      node.put("schedulingPolicyArn", queue.schedulingPolicyArn);
    }
    node.put("status", "VALID");
    node.put("statusReason", "JobQueue Healthy");
    node.put("priority", queue.priority);
    ArrayNode order = node.putArray("computeEnvironmentOrder");
    for (int i = 0; i < queue.computeEnvironments.size(); i++) {
      ObjectNode entry = order.addObject();
      entry.put("order", queue.computeEnvironmentOrders.get(i));
      entry.put("computeEnvironment", queue.computeEnvironments.get(i).arn);
    }
    node.set("tags", Json.stringMapNode(queue.tags));
    node.put("jobQueueType", "ECS");
    if (!queue.timeLimitActions.isEmpty()) {
      ArrayNode actions = node.putArray("jobStateTimeLimitActions");
      queue.timeLimitActions.forEach(a -> actions.add(a.toJson()));
    }
    return node;
  }
}
