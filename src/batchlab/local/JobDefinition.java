package batchlab.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One revision of a registered container job definition. {@code containerProperties} is kept as
 * registered (API field names) and rendered back by DescribeJobDefinitions and DescribeJobs.
 */
final class JobDefinition {
  final String name;
  final int revision;
  final String arn;
  final ObjectNode containerProperties;
  final Resources resources;
  final Map<String, String> parameters;
  final RetryStrategy retryStrategy;
  final Integer attemptDurationSeconds;
  final Map<String, String> tags;
  final List<String> platformCapabilities;
  final boolean propagateTags;
  /** schedulingPriority (0-9,999) for fair-share queues, null when not set. */
  final Integer schedulingPriority;
  /** ACTIVE, or INACTIVE once deregistered. */
  String status = "ACTIVE";

  JobDefinition(String name, int revision, String arn, ObjectNode containerProperties, Resources resources,
      Map<String, String> parameters, RetryStrategy retryStrategy, Integer attemptDurationSeconds,
      Map<String, String> tags, List<String> platformCapabilities, boolean propagateTags, Integer schedulingPriority) {
    this.name = name;
    this.revision = revision;
    this.arn = arn;
    this.containerProperties = containerProperties;
    this.resources = resources;
    this.parameters = parameters;
    this.retryStrategy = retryStrategy;
    this.attemptDurationSeconds = attemptDurationSeconds;
    this.tags = tags;
    this.platformCapabilities = platformCapabilities;
    this.propagateTags = propagateTags;
    this.schedulingPriority = schedulingPriority;
  }

  boolean active() {
    return "ACTIVE".equals(status);
  }
}
