package batchlab.local;

import batchlab.batch.BatchLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Create/Update/Describe/DeleteJobQueue (API Reference). */
final class QueueOperations {

  /** One computeEnvironmentOrder entry as sent. */
  record OrderEntry(int order, String computeEnvironment) {}

  /** A CreateJobQueue call as sent, checked; the compute environments are resolved when it is carried out. */
  record CreateRequest(String name, int priority, String state, String schedulingPolicyArn,
      List<OrderEntry> computeEnvironmentOrder, List<TimeLimitAction> timeLimitActions, Map<String, String> tags) {

    static CreateRequest parse(JsonNode request) {
      String name = Json.requiredName(request, "jobQueueName");
      Integer priority = Json.optionalInt(request, "priority", 0, 1000);
      if (priority == null) {
        throw ApiException.client("priority is required (0-1000)");
      }
      Map<String, String> tags = Json.stringMap(request, "tags");
      String state = Json.enumValue(request, "state", "ENABLED", "ENABLED", "DISABLED");
      String schedulingPolicyArn = Json.optionalString(request, "schedulingPolicyArn");
      List<OrderEntry> order = order(request.get("computeEnvironmentOrder"), true);
      List<TimeLimitAction> actions = TimeLimitAction.parseList(request.get("jobStateTimeLimitActions"));
      return new CreateRequest(name, priority, state, schedulingPolicyArn, order, actions, tags);
    }
  }

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
    return create(CreateRequest.parse(request));
  }

  private JsonNode create(CreateRequest request) {
    String name = request.name();
    if (registry.hasQueue(name)) {
      throw ApiException.client("Object already exists: job queue " + name);
    }
    JobQueue queue = new JobQueue(name, registry.arns.jobQueue(name), registry.nextSeq(), request.tags());
    queue.state = request.state();
    queue.priority = request.priority();
    if (request.schedulingPolicyArn() != null) {
      queue.policy = registry.policy(request.schedulingPolicyArn());
      queue.shares = new ShareUsage();
    }
    setEnvironments(queue, request.computeEnvironmentOrder());
    queue.timeLimitActions = request.timeLimitActions();
    registry.addQueue(queue);
    scheduler.markDirty();
    return nameAndArn(queue);
  }

  JsonNode update(JsonNode request) {
    JobQueue queue = registry.queue(Json.requiredString(request, "jobQueue"));
    String state = Json.enumValue(request, "state", null, "ENABLED", "DISABLED");
    Integer priority = Json.optionalInt(request, "priority", 0, 1000);
    SchedulingPolicy policy = replacementPolicy(queue, Json.optionalString(request, "schedulingPolicyArn"));
    if (request.hasNonNull("computeEnvironmentOrder")) {
      setEnvironments(queue, order(request.get("computeEnvironmentOrder"), false));
    }
    if (request.has("jobStateTimeLimitActions")) {
      queue.timeLimitActions = TimeLimitAction.parseList(request.get("jobStateTimeLimitActions"));
    }
    if (state != null) {
      queue.state = state;
    }
    if (policy != null) {
      queue.policy = policy;
    }
    if (priority != null) {
      queue.priority = priority;
      registry.sortQueues();
    }
    scheduler.markDirty();
    return nameAndArn(queue);
  }

  /**
   * UpdateJobQueue schedulingPolicyArn (API Reference, CreateJobQueue/UpdateJobQueue): a fair-share
   * queue's policy "can be replaced but can't be removed", and a FIFO queue "can't have a fair-share
   * scheduling policy added". Null when the call leaves the policy as it is.
   */
  private SchedulingPolicy replacementPolicy(JobQueue queue, String arn) {
    if (arn == null) {
      return null;
    }
    if (!queue.fairShare()) {
      throw ApiException.client("job queue " + queue.name + " is a FIFO queue and can't have a fair-share "
          + "scheduling policy added");
    }
    if (arn.isEmpty()) {
      throw ApiException.client("the fair-share scheduling policy of job queue " + queue.name
          + " can be replaced but can't be removed");
    }
    return registry.policy(arn);
  }

  private JsonNode describe(JsonNode request) {
    List<JobQueue> found = Registry.describe("jobQueues", Json.stringList(request, "jobQueues"),
        registry.queues(), registry::queue);
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("jobQueues");
    Paging.page(found, request, response).forEach(q -> list.add(render(q)));
    return response;
  }

  JsonNode delete(JsonNode request) {
    JobQueue queue = registry.queue(Json.requiredString(request, "jobQueue"));
    if (queue.enabled()) {
      throw ApiException.client("Cannot delete, job queue " + queue.name + " is ENABLED; disable it first");
    }
    for (Job job : List.copyOf(queue.all.values())) {
      if (!job.status.terminal()) {
        scheduler.terminate(job, "Job queue deleted");
      }
    }
    registry.removeQueue(queue);
    return Json.object();
  }

  /** The entries of a computeEnvironmentOrder, sorted by order; empty when none is given and none is required. */
  private static List<OrderEntry> order(JsonNode order, boolean required) {
    if (order == null || order.isNull() || !order.isArray() || order.isEmpty()) {
      if (required) {
        throw ApiException.client("computeEnvironmentOrder is required: a list of {order, computeEnvironment}");
      }
      return List.of();
    }
    if (order.size() > BatchLimits.ENVIRONMENTS_PER_QUEUE) {
      throw ApiException.client("computeEnvironmentOrder may list at most " + BatchLimits.ENVIRONMENTS_PER_QUEUE
          + " compute environments, got " + order.size());
    }
    List<OrderEntry> entries = new ArrayList<>();
    for (JsonNode item : order) {
      Integer position = Json.optionalInt(item, "order", 0, Integer.MAX_VALUE);
      if (position == null) {
        throw ApiException.client("computeEnvironmentOrder.order is required");
      }
      entries.add(new OrderEntry(position, Json.requiredString(item, "computeEnvironment")));
    }
    entries.sort(Comparator.comparingInt(OrderEntry::order));
    return List.copyOf(entries);
  }

  /** Resolves the entries' compute environments and sets them; no entries leave the queue's as they are. */
  private void setEnvironments(JobQueue queue, List<OrderEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<ComputeEnvironment> environments = new ArrayList<>();
    for (OrderEntry entry : entries) {
      environments.add(registry.environment(entry.computeEnvironment()));
    }
    queue.computeEnvironments = environments;
    queue.computeEnvironmentOrders = new ArrayList<>(entries.stream().map(OrderEntry::order).toList());
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
    if (queue.policy != null) {
      node.put("schedulingPolicyArn", queue.policy.arn);
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
