package batchlab.local;

import batchlab.batch.BatchLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Create/Describe/List/Update/DeleteSchedulingPolicy (API Reference). Policies are named by ARN in
 * every call but Create; tags go through {@link TagOperations} like the other resources.
 */
final class SchedulingPolicyOperations {

  private final Registry registry;
  private final Scheduler scheduler;

  SchedulingPolicyOperations(Registry registry, Scheduler scheduler) {
    this.registry = registry;
    this.scheduler = scheduler;
  }

  void register(Map<String, Operation> ops) {
    ops.put("createschedulingpolicy", this::create);
    ops.put("describeschedulingpolicies", this::describe);
    ops.put("listschedulingpolicies", this::list);
    ops.put("updateschedulingpolicy", this::update);
    ops.put("deleteschedulingpolicy", this::delete);
  }

  JsonNode create(JsonNode request) {
    String name = Json.requiredName(request, "name");
    SchedulingPolicy.Fairshare fairshare = SchedulingPolicy.Fairshare.parse(request.get("fairsharePolicy"));
    Map<String, String> tags = Json.stringMap(request, "tags");
    String arn = registry.arns.schedulingPolicy(name);
    if (registry.hasPolicy(arn)) {
      throw ApiException.client("Object already exists: scheduling policy " + name);
    }
    registry.addPolicy(new SchedulingPolicy(name, arn, tags, fairshare));
    ObjectNode response = Json.object();
    response.put("name", name);
    response.put("arn", arn);
    return response;
  }

  /** DescribeSchedulingPolicies: {@code arns} is required (1-100); unknown ARNs are left out. */
  private JsonNode describe(JsonNode request) {
    List<String> arns = Json.stringList(request, "arns");
    if (arns.isEmpty()) {
      throw ApiException.client("arns is required: 1 to " + BatchLimits.DESCRIBE_NAMES_MAX + " scheduling policy ARNs");
    }
    List<SchedulingPolicy> found = Registry.describe("arns", arns, List.of(), registry::policy);
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("schedulingPolicies");
    found.forEach(p -> list.add(p.toJson()));
    return response;
  }

  private JsonNode list(JsonNode request) {
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("schedulingPolicies");
    Paging.page(new ArrayList<>(registry.policies()), request, response)
        .forEach(p -> list.addObject().put("arn", p.arn));
    return response;
  }

  /**
   * A given fairsharePolicy replaces the old one whole (its unset fields take their defaults); none
   * leaves it as it is. The new settings apply from the next scheduling pass of every queue using it.
   */
  JsonNode update(JsonNode request) {
    SchedulingPolicy policy = registry.policy(Json.requiredString(request, "arn"));
    if (request.hasNonNull("fairsharePolicy")) {
      policy.fairshare = SchedulingPolicy.Fairshare.parse(request.get("fairsharePolicy"));
    }
    scheduler.markDirty();
    return Json.object();
  }

  /** API Reference, DeleteSchedulingPolicy: "You can't delete a scheduling policy that's used in any job queues." */
  JsonNode delete(JsonNode request) {
    SchedulingPolicy policy = registry.policy(Json.requiredString(request, "arn"));
    for (JobQueue queue : registry.queues()) {
      if (queue.policy == policy) {
        throw ApiException.client("Cannot delete, scheduling policy " + policy.name + " is used by job queue "
            + queue.name);
      }
    }
    registry.removePolicy(policy);
    return Json.object();
  }
}
