package batchlab.batch;

import batchlab.batch.UpdateRules.PropertyRule;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two CloudFormation templates (plain Jackson trees, as synthesized or as GetTemplate returns
 * them) the way CloudFormation plans an update: resource by resource on the logical ids, property by
 * property on the template values, and judges each changed resource by {@link UpdateRules}. A resource
 * whose template is unchanged but which refers (Ref, Fn::GetAtt, Fn::Sub) to a resource that is
 * replaced or gets a new revision is listed as re-pointed, as CloudFormation updates it too.
 */
public final class TemplateDiff {

  /** Resources that carry no infrastructure (CDK's analytics metadata). */
  private static final Set<String> IGNORED_TYPES = Set.of("AWS::CDK::Metadata");
  /** Object properties compared one level deeper, so the rule of each setting applies. */
  private static final Set<String> NESTED = Set.of("ComputeResources", "ContainerProperties");

  private TemplateDiff() {}

  /** What updating a stack from template {@code before} to template {@code after} does. */
  public static StackChanges compare(JsonNode before, JsonNode after) {
    Map<String, JsonNode> old = resources(before);
    Map<String, JsonNode> now = resources(after);
    Map<String, List<ResourceChange.Property>> changed = new LinkedHashMap<>();
    List<String> added = new ArrayList<>();
    now.forEach((id, resource) -> {
      JsonNode previous = old.get(id);
      if (previous == null) {
        added.add(id);
      } else {
        List<ResourceChange.Property> properties = properties(type(resource), previous.path("Properties"),
            resource.path("Properties"));
        if (!properties.isEmpty()) {
          changed.put(id, properties);
        }
      }
    });
    // First pass: the directly changed resources; then everything referring to one whose Ref changes.
    Map<String, ResourceChange> judged = new LinkedHashMap<>();
    changed.forEach((id, properties) -> judged.put(id, judge(id, old.get(id), now.get(id), properties, Set.of())));
    Set<String> renamed = new LinkedHashSet<>();
    judged.values().stream().filter(r -> r.kind() == UpdateKind.REPLACEMENT || r.kind() == UpdateKind.NEW_REVISION)
        .forEach(r -> renamed.add(r.logicalId()));
    Map<String, Set<String>> referrers = new LinkedHashMap<>();
    now.forEach((id, resource) -> {
      if (!old.containsKey(id) || renamed.contains(id)) {
        return;
      }
      List<ResourceChange.Property> properties = new ArrayList<>(changed.getOrDefault(id, List.of()));
      boolean repointed = false;
      for (Map.Entry<String, JsonNode> property : resource.path("Properties").properties()) {
        Set<String> targets = references(property.getValue(), renamed);
        if (!targets.isEmpty() && properties.stream().noneMatch(p -> p.path().startsWith(property.getKey()))) {
          properties.add(new ResourceChange.Property(property.getKey(), property.getValue(), property.getValue(),
              UpdateRules.rule(type(resource), property.getKey()), true));
          repointed = true;
        }
        targets.forEach(target -> referrers.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(id));
      }
      if (repointed) {
        changed.put(id, properties);
      }
    });
    List<ResourceChange> result = new ArrayList<>();
    now.keySet().forEach(id -> {
      if (added.contains(id)) {
        result.add(added(id, type(now.get(id))));
      } else if (changed.containsKey(id)) {
        result.add(judge(id, old.get(id), now.get(id), changed.get(id), referrers.getOrDefault(id, Set.of()),
            now));
      }
    });
    old.forEach((id, resource) -> {
      if (!now.containsKey(id)) {
        String type = type(resource);
        boolean withJobs = type.equals(UpdateRules.COMPUTE_ENVIRONMENT) || type.equals(UpdateRules.JOB_QUEUE);
        result.add(new ResourceChange(id, type, UpdateRules.isBatch(type) ? UpdateKind.REMOVED : UpdateKind.CLOUDFORMATION,
            "removed: the " + shortType(type) + " is deleted" + (withJobs ? " with its running jobs" : ""), null,
            List.of()));
      }
    });
    return new StackChanges(result);
  }

  // ---------------------------------------------------------------- judging one resource

  private static ResourceChange judge(String id, JsonNode before, JsonNode after, List<ResourceChange.Property> properties,
      Set<String> referrers) {
    return judge(id, before, after, properties, referrers, null);
  }

  private static ResourceChange judge(String id, JsonNode before, JsonNode after, List<ResourceChange.Property> properties,
      Set<String> referrers, Map<String, JsonNode> now) {
    String type = type(after);
    if (!type.equals(type(before))) {
      return failure(id, type, properties, "Update of resource type is not permitted (" + type(before) + " to "
          + type + "); give the new resource a new logical id");
    }
    Set<PropertyRule> rules = new LinkedHashSet<>();
    properties.forEach(p -> rules.add(p.rule()));
    JsonNode props = after.path("Properties");
    return switch (type) {
      case UpdateRules.COMPUTE_ENVIRONMENT -> computeEnvironment(id, before.path("Properties"), props, properties,
          rules, referrers, now);
      case UpdateRules.JOB_QUEUE -> rules.contains(PropertyRule.REPLACEMENT)
          ? replacement(id, type, before.path("Properties"), props, properties,
              "replacement: new job queue; jobs still in the old one are terminated when it is deleted")
          : jobQueueInPlace(id, before.path("Properties"), props, properties, now);
      case UpdateRules.SCHEDULING_POLICY -> rules.contains(PropertyRule.REPLACEMENT)
          ? replacement(id, type, before.path("Properties"), props, properties,
              "replacement: new scheduling policy, its queues re-pointed to it; the old one is deleted")
          : new ResourceChange(id, type, UpdateKind.IN_PLACE, "in place, no interruption: the new weights, decay "
              + "and reservation apply from the next scheduling decision", null, properties);
      case UpdateRules.JOB_DEFINITION -> new ResourceChange(id, type, UpdateKind.NEW_REVISION,
          "new revision registered, the old one deregistered; running jobs keep their revision", null, properties);
      default -> new ResourceChange(id, type, UpdateKind.CLOUDFORMATION, cloudFormation(type, properties), null,
          properties);
    };
  }

  private static ResourceChange computeEnvironment(String id, JsonNode before, JsonNode after,
      List<ResourceChange.Property> properties, Set<PropertyRule> rules, Set<String> referrers,
      Map<String, JsonNode> now) {
    String type = UpdateRules.COMPUTE_ENVIRONMENT;
    boolean requeued = referrers.stream().anyMatch(r -> now != null && now.containsKey(r)
        && type(now.get(r)).equals(UpdateRules.JOB_QUEUE));
    String replaced = "replacement: new compute environment" + (requeued ? ", queue re-pointed" : "")
        + "; the old one is deleted with its instances and running jobs";
    if (rules.contains(PropertyRule.REPLACEMENT)) {
      return replacement(id, type, before, after, properties, replaced);
    }
    if (rules.contains(PropertyRule.INFRASTRUCTURE)) {
      JsonNode replace = after.get("ReplaceComputeEnvironment");
      boolean replaces = replace == null ? UpdateRules.REPLACE_COMPUTE_ENVIRONMENT_DEFAULT : replace.asBoolean();
      if (replaces) {
        return replacement(id, type, before, after, properties, replaced + " (ReplaceComputeEnvironment is true)");
      }
      Optional<String> refusal = UpdateRules.infrastructureUpdateRefusal(text(after.get("ServiceRole")),
          text(before.path("ComputeResources").get("AllocationStrategy")),
          text(after.path("ComputeResources").get("AllocationStrategy")));
      if (refusal.isPresent()) {
        return failure(id, type, properties, refusal.get() + " (ReplaceComputeEnvironment is false, so "
            + "CloudFormation does not replace it)");
      }
      UpdateRules.UpdatePolicy policy = UpdateRules.UpdatePolicy.of(after.get("UpdatePolicy"));
      String jobs = policy.terminateJobsOnUpdate()
          ? "instances replaced; running jobs terminated at once (UpdatePolicy TerminateJobsOnUpdate true)"
          : "instances replaced as they drain; running jobs terminated after " + policy.jobExecutionTimeoutMinutes()
              + " min unless they finish first (UpdatePolicy JobExecutionTimeoutMinutes)";
      return new ResourceChange(id, type, UpdateKind.INFRASTRUCTURE, "infrastructure update: " + jobs, null,
          properties);
    }
    if (rules.contains(PropertyRule.SCALING)) {
      boolean desired = properties.stream().anyMatch(p -> p.path().equals("ComputeResources.DesiredvCpus"));
      return new ResourceChange(id, type, UpdateKind.SCALING, "scaling update: in place, running jobs unaffected"
          + (desired ? "; fails if desiredvCpus is below the current value (Batch moves it with load)" : ""), null,
          properties);
    }
    return inPlace(id, type, properties, now);
  }

  /** A queue updated in place, unless it would gain or lose a scheduling policy, which Batch refuses. */
  private static ResourceChange jobQueueInPlace(String id, JsonNode before, JsonNode after,
      List<ResourceChange.Property> properties, Map<String, JsonNode> now) {
    Optional<String> refusal = UpdateRules.schedulingPolicyRefusal(
        before.hasNonNull(UpdateRules.SCHEDULING_POLICY_ARN), after.hasNonNull(UpdateRules.SCHEDULING_POLICY_ARN));
    if (refusal.isPresent()) {
      return failure(id, UpdateRules.JOB_QUEUE, properties, refusal.get());
    }
    return inPlace(id, UpdateRules.JOB_QUEUE, properties, now);
  }

  private static ResourceChange replacement(String id, String type, JsonNode before, JsonNode after,
      List<ResourceChange.Property> properties, String consequence) {
    String nameProperty = UpdateRules.nameProperty(type);
    String oldName = text(before.get(nameProperty));
    String newName = text(after.get(nameProperty));
    if (newName != null && newName.equals(oldName)) {
      return failure(id, type, properties, UpdateRules.customNameReplacement(newName));
    }
    return new ResourceChange(id, type, UpdateKind.REPLACEMENT, consequence, null, properties);
  }

  private static ResourceChange inPlace(String id, String type, List<ResourceChange.Property> properties,
      Map<String, JsonNode> now) {
    boolean onlyRepointed = properties.stream().allMatch(ResourceChange.Property::repointed);
    String consequence = onlyRepointed ? "in place: re-pointed to the new " + repointTarget(properties, now)
        : "in place, no interruption";
    return new ResourceChange(id, type, UpdateKind.IN_PLACE, consequence, null, properties);
  }

  private static String repointTarget(List<ResourceChange.Property> properties, Map<String, JsonNode> now) {
    if (now == null) {
      return "resource";
    }
    Set<String> types = new LinkedHashSet<>();
    for (ResourceChange.Property p : properties) {
      references(p.after(), now.keySet()).forEach(target -> types.add(shortType(type(now.get(target)))));
    }
    return types.isEmpty() ? "resource" : String.join(" and ", types);
  }

  private static ResourceChange failure(String id, String type, List<ResourceChange.Property> properties,
      String reason) {
    return new ResourceChange(id, type, UpdateKind.FAILURE, "will fail: " + reason, reason, properties);
  }

  private static ResourceChange added(String id, String type) {
    return new ResourceChange(id, type, UpdateRules.isBatch(type) ? UpdateKind.ADDED : UpdateKind.CLOUDFORMATION,
        "added: a new " + shortType(type), null, List.of());
  }

  private static String cloudFormation(String type, List<ResourceChange.Property> properties) {
    if (type.equals("AWS::Logs::LogGroup") && properties.stream().allMatch(p -> p.path().equals("RetentionInDays"))) {
      return "plain CloudFormation change: log retention, in place; Batch unaffected";
    }
    return "plain CloudFormation change of " + type + "; Batch unaffected";
  }

  // ---------------------------------------------------------------- template walking

  private static List<ResourceChange.Property> properties(String type, JsonNode before, JsonNode after) {
    List<ResourceChange.Property> changes = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    after.fieldNames().forEachRemaining(keys::add);
    before.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      JsonNode was = before.get(key);
      JsonNode is = after.get(key);
      if (NESTED.contains(key) && was != null && is != null && was.isObject() && is.isObject()) {
        for (ResourceChange.Property nested : properties(type, was, is)) {
          String path = key + "." + nested.path();
          changes.add(new ResourceChange.Property(path, nested.before(), nested.after(), UpdateRules.rule(type, path),
              false));
        }
      } else if (was == null ? is != null : !was.equals(is)) {
        changes.add(new ResourceChange.Property(key, was, is, UpdateRules.rule(type, key), false));
      }
    }
    return changes;
  }

  /** The ids among {@code candidates} that {@code node} refers to (Ref, Fn::GetAtt, Fn::Sub). */
  static Set<String> references(JsonNode node, Set<String> candidates) {
    Set<String> found = new LinkedHashSet<>();
    collect(node, candidates, found);
    return found;
  }

  private static void collect(JsonNode node, Set<String> candidates, Set<String> found) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode ref = node.get("Ref");
      if (ref != null && ref.isTextual() && candidates.contains(ref.asText())) {
        found.add(ref.asText());
      }
      JsonNode getAtt = node.get("Fn::GetAtt");
      if (getAtt != null) {
        String target = getAtt.isArray() ? getAtt.path(0).asText() : getAtt.asText().split("\\.")[0];
        if (candidates.contains(target)) {
          found.add(target);
        }
      }
      JsonNode sub = node.get("Fn::Sub");
      if (sub != null) {
        String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
        for (String candidate : candidates) {
          if (text.contains("${" + candidate + "}") || text.contains("${" + candidate + ".")) {
            found.add(candidate);
          }
        }
      }
      node.elements().forEachRemaining(child -> collect(child, candidates, found));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collect(child, candidates, found));
    }
  }

  private static Map<String, JsonNode> resources(JsonNode template) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (template != null) {
      template.path("Resources").properties().forEach(e -> {
        if (!IGNORED_TYPES.contains(type(e.getValue()))) {
          out.put(e.getKey(), e.getValue());
        }
      });
    }
    return out;
  }

  private static String type(JsonNode resource) {
    return resource.path("Type").asText();
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /** "compute environment" for AWS::Batch::ComputeEnvironment, "LogGroup" for others. */
  static String shortType(String type) {
    return switch (type) {
      case UpdateRules.COMPUTE_ENVIRONMENT -> "compute environment";
      case UpdateRules.JOB_QUEUE -> "job queue";
      case UpdateRules.JOB_DEFINITION -> "job definition";
      case UpdateRules.SCHEDULING_POLICY -> "scheduling policy";
      default -> type;
    };
  }
}
