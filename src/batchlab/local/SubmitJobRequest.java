package batchlab.local;

import batchlab.batch.BatchLimits;
import batchlab.batch.ShareIdentifiers;
import batchlab.util.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SubmitJob call as sent, checked field by field (API Reference, SubmitJob) but not yet against
 * the account: queue, definition and dependencies are resolved by {@link JobOperations}.
 *
 * @param arraySize 0 for a single job, else 2 to 10,000
 * @param parameters the call's parameters only (the definition's are merged when it is resolved)
 * @param containerOverrides as sent, null if none
 * @param overrideResources the vCPUs/memory the overrides name (null fields where they name none)
 * @param retryStrategy null when the call gives none (the definition's applies)
 * @param attemptDurationSeconds null when the call gives none (the definition's applies)
 * @param propagateTags null when the call gives none (the definition's applies)
 * @param shareIdentifier null when the call gives none
 * @param schedulingPriorityOverride 0 to 9,999, null when the call gives none (the definition's applies)
 */
record SubmitJobRequest(
    String jobName,
    String jobQueue,
    String jobDefinition,
    int arraySize,
    List<JobSpec.Dependency> dependsOn,
    Map<String, String> parameters,
    ObjectNode containerOverrides,
    ResourceRequirements.Requested overrideResources,
    RetryStrategy retryStrategy,
    Integer attemptDurationSeconds,
    Map<String, String> tags,
    Boolean propagateTags,
    String shareIdentifier,
    Integer schedulingPriorityOverride) {

  static SubmitJobRequest parse(JsonNode request) {
    String name = Json.requiredJobName(request, "jobName");
    String queue = Json.requiredString(request, "jobQueue");
    String definition = Json.requiredString(request, "jobDefinition");
    int arraySize = arraySize(request);
    List<JobSpec.Dependency> dependsOn = dependencies(request, arraySize);
    Map<String, String> parameters = Json.stringMap(request, "parameters");
    ObjectNode overrides = Json.optionalObject(request, "containerOverrides");
    ResourceRequirements.Requested resources = null;
    if (overrides != null) {
      resources = ResourceRequirements.requested(overrides, "containerOverrides");
      if (overrides.has("command")) {
        Json.stringList(overrides, "command");
      }
    }
    RetryStrategy retry = request.hasNonNull("retryStrategy") ? RetryStrategy.parse(request.get("retryStrategy")) : null;
    Integer timeout = null;
    ObjectNode timeoutNode = Json.optionalObject(request, "timeout");
    if (timeoutNode != null && timeoutNode.hasNonNull("attemptDurationSeconds")) {
      timeout = Json.optionalInt(timeoutNode, "attemptDurationSeconds", 60, Integer.MAX_VALUE);
    }
    Map<String, String> tags = Json.stringMap(request, "tags");
    Boolean propagateTags = request.has("propagateTags") ? request.path("propagateTags").asBoolean() : null;
    String share = Json.optionalString(request, "shareIdentifier");
    if (share != null) {
      try {
        ShareIdentifiers.requireJobShare(share);
      } catch (BadInputException e) {
        throw ApiException.client(e.getMessage());
      }
    }
    Integer priority = Json.optionalInt(request, "schedulingPriorityOverride", 0, BatchLimits.PRIORITY_MAX);
    return new SubmitJobRequest(name, queue, definition, arraySize, dependsOn, parameters,
        overrides == null ? null : overrides.deepCopy(), resources, retry, timeout, tags, propagateTags, share,
        priority);
  }

  private static int arraySize(JsonNode request) {
    ObjectNode array = Json.optionalObject(request, "arrayProperties");
    if (array == null || !array.hasNonNull("size")) {
      return 0;
    }
    Integer size = Json.optionalInt(array, "size", Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (size < BatchLimits.ARRAY_SIZE_MIN || size > BatchLimits.ARRAY_SIZE_MAX) {
      throw ApiException.client("arrayProperties.size must be between " + BatchLimits.ARRAY_SIZE_MIN + " and "
          + BatchLimits.ARRAY_SIZE_MAX + ", got " + size);
    }
    return size;
  }

  /** The dependsOn entries, checked for shape; whether the jobs exist is checked when submitting. */
  private static List<JobSpec.Dependency> dependencies(JsonNode request, int arraySize) {
    JsonNode list = request.get("dependsOn");
    List<JobSpec.Dependency> dependencies = new ArrayList<>();
    if (list == null || list.isNull()) {
      return dependencies;
    }
    if (!list.isArray()) {
      throw ApiException.client("dependsOn must be a list of {jobId, type}");
    }
    if (list.size() > BatchLimits.DEPENDENCIES_PER_JOB) {
      throw ApiException.client("dependsOn may list at most " + BatchLimits.DEPENDENCIES_PER_JOB + " jobs, got "
          + list.size());
    }
    for (JsonNode item : list) {
      String jobId = Json.optionalString(item, "jobId");
      String type = Json.enumValue(item, "type", null, "N_TO_N", "SEQUENTIAL");
      if (type != null && arraySize == 0) {
        throw ApiException.client("dependsOn type " + type + " is only valid for array jobs");
      }
      if ("SEQUENTIAL".equals(type)) {
        if (jobId != null) {
          throw ApiException.client("dependsOn type SEQUENTIAL takes no jobId: it orders the job's own children");
        }
      } else if (jobId == null) {
        throw ApiException.client("dependsOn.jobId is required");
      }
      dependencies.add(new JobSpec.Dependency(jobId, type));
    }
    return dependencies;
  }
}
