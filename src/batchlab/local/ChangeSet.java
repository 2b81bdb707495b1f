package batchlab.local;

import batchlab.batch.StackChanges;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change set of the loaded stack (CreateChangeSet): the template it would apply and the changes
 * {@link batchlab.batch.TemplateDiff} found, until it is executed or deleted.
 */
final class ChangeSet {

  final String name;
  final String id;
  final long createdAt;
  final String templateBody;
  final JsonNode template;
  final StackChanges changes;
  /** CREATE_COMPLETE, or FAILED when the template changes nothing. */
  final String status;
  final String statusReason;
  /** AVAILABLE, UNAVAILABLE (a FAILED one), EXECUTE_IN_PROGRESS, EXECUTE_COMPLETE, EXECUTE_FAILED. */
  String executionStatus;

  ChangeSet(String name, String id, long createdAt, String templateBody, JsonNode template, StackChanges changes,
      boolean noChanges) {
    this.name = name;
    this.id = id;
    this.createdAt = createdAt;
    this.templateBody = templateBody;
    this.template = template;
    this.changes = changes;
    this.status = noChanges ? "FAILED" : "CREATE_COMPLETE";
    this.statusReason = noChanges
        ? "The submitted information didn't contain changes. Submit different information to create a change set."
        : null;
    this.executionStatus = noChanges ? "UNAVAILABLE" : "AVAILABLE";
  }
}
