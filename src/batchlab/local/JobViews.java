package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders jobs as DescribeJobs (JobDetail) and ListJobs (JobSummary) return them (API Reference). */
final class JobViews {

  private final Arns arns;

  JobViews(Arns arns) {
    this.arns = arns;
  }

  ObjectNode detail(Job job) {
    ObjectNode node = Json.object();
    node.put("jobArn", arns.job(job.id));
    node.put("jobName", job.name);
    node.put("jobId", job.id);
    node.put("jobQueue", job.queue.arn);
    if (job.spec.shareIdentifier() != null) {
      node.put("shareIdentifier", job.spec.shareIdentifier());
    }
    if (job.spec.schedulingPriority() != null) {
      node.put("schedulingPriority", job.spec.schedulingPriority());
    }
    node.put("status", job.status.name());
    ArrayNode attempts = node.putArray("attempts");
    for (Attempt attempt : job.attempts) {
      attempts.add(attempt(attempt));
    }
    if (job.statusReason != null) {
      node.put("statusReason", job.statusReason);
    }
    node.put("createdAt", job.createdAt);
    JobSpec spec = job.spec;
    node.set("retryStrategy", spec.retryStrategy().toJson());
    timestamps(node, job);
    if (!spec.dependsOn().isEmpty()) {
      ArrayNode deps = node.putArray("dependsOn");
      for (JobSpec.Dependency dependency : spec.dependsOn()) {
        ObjectNode dep = deps.addObject();
        if (dependency.jobId() != null) {
          dep.put("jobId", dependency.jobId());
        }
        if (dependency.type() != null) {
          dep.put("type", dependency.type());
        }
      }
    }
    node.put("jobDefinition", spec.definition().arn);
    node.set("parameters", Json.stringMapNode(spec.parameters()));
    // An array parent shows the container its children run, without any attempt's details.
    node.set("container", container(job));
    arrayProperties(node, job);
    if (spec.attemptDurationSeconds() != null) {
      node.putObject("timeout").put("attemptDurationSeconds", spec.attemptDurationSeconds());
    }
    node.set("tags", Json.stringMapNode(spec.tags()));
    node.put("propagateTags", spec.propagateTags());
    node.set("platformCapabilities", Json.stringArray(spec.definition().platformCapabilities));
    node.put("isCancelled", job.cancelled);
    node.put("isTerminated", job.terminateReason != null);
    return node;
  }

  ObjectNode summary(Job job) {
    ObjectNode node = Json.object();
    node.put("jobArn", arns.job(job.id));
    node.put("jobId", job.id);
    node.put("jobName", job.name);
    node.put("createdAt", job.createdAt);
    node.put("status", job.status.name());
    if (job.statusReason != null) {
      node.put("statusReason", job.statusReason);
    }
    timestamps(node, job);
    Attempt last = lastAttempt(job);
    if (last != null && last.exitCode != null) {
      ObjectNode container = node.putObject("container");
      container.put("exitCode", last.exitCode);
      if (last.reason != null) {
        container.put("reason", last.reason);
      }
    }
    arrayProperties(node, job);
    node.put("jobDefinition", job.spec.definition().arn);
    return node;
  }

  private static void timestamps(ObjectNode node, Job job) {
    if (job.startedAt > 0) {
      node.put("startedAt", job.startedAt);
    }
    if (job.stoppedAt > 0) {
      node.put("stoppedAt", job.stoppedAt);
    }
  }

  /** Array parents carry the children's statusSummary in DescribeJobs and ListJobs alike; children their index. */
  private static void arrayProperties(ObjectNode node, Job job) {
    if (job.isArrayParent()) {
      ObjectNode array = node.putObject("arrayProperties");
      ObjectNode summary = array.putObject("statusSummary");
      job.childCounts.forEach((status, count) -> summary.put(status.name(), count));
      array.put("size", job.children.length);
    } else if (job.parent != null) {
      node.putObject("arrayProperties").put("index", job.arrayIndex);
    }
  }

  private static ObjectNode attempt(Attempt attempt) {
    ObjectNode node = Json.object();
    ObjectNode container = node.putObject("container");
    container.put("containerInstanceArn", attempt.instance.containerInstanceArn);
    container.put("taskArn", attempt.taskArn);
    if (attempt.exitCode != null) {
      container.put("exitCode", attempt.exitCode);
    }
    if (attempt.reason != null) {
      container.put("reason", attempt.reason);
    }
    // Both exist only once the attempt reached RUNNING (API Reference, AttemptDetail, ContainerDetail).
    if (attempt.reachedRunning()) {
      container.put("logStreamName", attempt.logStreamName);
      node.put("startedAt", attempt.startedAt);
    }
    node.put("stoppedAt", attempt.stoppedAt);
    node.put("statusReason", attempt.statusReason);
    return node;
  }

  private static Attempt lastAttempt(Job job) {
    if (job.current != null) {
      return job.current;
    }
    return job.attempts.isEmpty() ? null : job.attempts.get(job.attempts.size() - 1);
  }

  /**
   * The container as the job runs it: the definition's containerProperties with the call's
   * containerOverrides applied, {@code Ref::name} placeholders in the command substituted from
   * the parameters, and the current (or last) attempt's instance, task and exit code.
   */
  private static ObjectNode container(Job job) {
    JobSpec spec = job.spec;
    ObjectNode container = spec.definition().containerProperties.deepCopy();
    ObjectNode overrides = spec.containerOverrides();
    if (overrides != null) {
      if (overrides.hasNonNull("command")) {
        container.set("command", overrides.get("command").deepCopy());
      }
      if (overrides.hasNonNull("environment")) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        container.path("environment").forEach(e -> byName.put(e.path("name").asText(), e));
        overrides.get("environment").forEach(e -> byName.put(e.path("name").asText(), e));
        ArrayNode environment = container.putArray("environment");
        byName.values().forEach(environment::add);
      }
      if (overrides.hasNonNull("instanceType")) {
        container.put("instanceType", overrides.get("instanceType").asText());
      }
    }
    container.remove("vcpus");
    container.remove("memory");
    ArrayNode requirements = container.putArray("resourceRequirements");
    requirements.addObject().put("value", String.valueOf(spec.resources().memoryMiB())).put("type", "MEMORY");
    requirements.addObject().put("value", String.valueOf(spec.resources().vcpus())).put("type", "VCPU");
    JsonNode command = container.get("command");
    if (command != null && command.isArray()) {
      ArrayNode resolved = container.putArray("command");
      for (JsonNode part : command) {
        resolved.add(substitute(part.asText(), spec.parameters()));
      }
    }
    Attempt attempt = lastAttempt(job);
    if (attempt != null) {
      container.put("containerInstanceArn", attempt.instance.containerInstanceArn);
      container.put("taskArn", attempt.taskArn);
      if (attempt.reachedRunning()) {
        container.put("logStreamName", attempt.logStreamName);
      }
      container.put("instanceType", attempt.instance.type.name());
      if (attempt.exitCode != null) {
        container.put("exitCode", attempt.exitCode);
      }
      if (attempt.reason != null) {
        container.put("reason", attempt.reason);
      }
    }
    return container;
  }

  /** Job definition parameters: a {@code Ref::name} command argument becomes the parameter's value. */
  static String substitute(String argument, Map<String, String> parameters) {
    if (argument.startsWith("Ref::")) {
      String value = parameters.get(argument.substring(5));
      if (value != null) {
        return value;
      }
    }
    return argument;
  }
}
