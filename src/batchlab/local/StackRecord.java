package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loaded stack as CloudFormation keeps it: its template, status, resources, events and change
 * sets. Changed only under the simulation lock (by API calls and by a running {@link StackUpdate}).
 */
final class StackRecord {

  /** One DescribeStackEvents entry. */
  record Event(String eventId, String logicalId, String physicalId, String type, long timestamp, String status,
      String reason) {}

  /** One resource of the stack as DescribeStackResources shows it. */
  record Resource(String logicalId, String physicalId, String type, long timestamp, String status) {}

  final String name;
  final String id;
  final long createdAt;
  JsonNode template;
  String templateBody;
  LoadedStack loaded;
  String status = "CREATE_COMPLETE";
  String statusReason;
  long lastUpdatedAt;
  /** The update running now, or null. */
  StackUpdate update;
  final Map<String, Resource> resources = new LinkedHashMap<>();
  final List<Event> events = new ArrayList<>();
  final Map<String, ChangeSet> changeSets = new LinkedHashMap<>();
  /** How often each resource was replaced: its next generated name differs. */
  final Map<String, Integer> generations = new HashMap<>();
  private long eventSeq;

  StackRecord(String templateBody, JsonNode template, LoadedStack loaded) {
    this.name = loaded.stackName();
    this.id = loaded.stackId();
    this.createdAt = loaded.createdAt();
    this.templateBody = templateBody;
    this.template = template;
    this.loaded = loaded;
    stackEvent(createdAt, "CREATE_IN_PROGRESS", "User Initiated");
    loaded.physicalIds().forEach((logicalId, physicalId) -> {
      String type = template.path("Resources").path(logicalId).path("Type").asText();
      resourceEvent(logicalId, physicalId, type, createdAt, "CREATE_IN_PROGRESS", null);
      resourceEvent(logicalId, physicalId, type, createdAt, "CREATE_COMPLETE", null);
    });
    stackEvent(createdAt, "CREATE_COMPLETE", null);
  }

  boolean named(String nameOrId) {
    return nameOrId != null && (nameOrId.equals(name) || nameOrId.equals(id));
  }

  boolean inProgress() {
    return status.endsWith("_IN_PROGRESS");
  }

  /** A stack-level event; it also sets the stack's status. */
  void stackEvent(long at, String newStatus, String reason) {
    status = newStatus;
    statusReason = reason;
    events.add(new Event(id.substring(id.lastIndexOf('/') + 1) + "-" + eventSeq++, name, id, "AWS::CloudFormation::Stack",
        at, newStatus, reason));
  }

  /**
   * A resource event; it also sets the resource's status (DELETE_COMPLETE removes it). Deleting the old
   * physical resource of a replaced one leaves the resource as it is: it is the new physical resource now.
   */
  void resourceEvent(String logicalId, String physicalId, String type, long at, String newStatus, String reason) {
    events.add(new Event(logicalId + "-" + newStatus + "-" + eventSeq++, logicalId, physicalId, type, at, newStatus,
        reason));
    Resource current = resources.get(logicalId);
    boolean otherPhysical = current != null && !current.physicalId().equals(physicalId);
    if (newStatus.startsWith("DELETE_")) {
      if (otherPhysical) {
        return;
      }
      if (newStatus.equals("DELETE_COMPLETE")) {
        resources.remove(logicalId);
      } else {
        resources.put(logicalId, new Resource(logicalId, physicalId, type, at, newStatus));
      }
    } else {
      resources.put(logicalId, new Resource(logicalId, physicalId, type, at, newStatus));
    }
  }

  /** The events since (and including) the latest stack event with {@code status}, oldest first. */
  List<Event> eventsSinceLast(String stackStatus) {
    for (int i = events.size() - 1; i >= 0; i--) {
      Event e = events.get(i);
      if (e.logicalId().equals(name) && e.status().equals(stackStatus)) {
        return List.copyOf(events.subList(i, events.size()));
      }
    }
    return List.of();
  }
}
