package batchlab.local;

import batchlab.batch.StackChanges;
import batchlab.batch.TemplateDiff;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The CloudFormation operations on the loaded stack that change it: UpdateStack and the change-set
 * calls, with CloudFormation's checks and error codes. Called under the simulation lock.
 */
final class StackOperations {

  private final StackRecord stack;
  private final StackServices services;
  private final Ids ids;

  StackOperations(StackRecord stack, StackServices services, Ids ids) {
    this.stack = stack;
    this.services = services;
    this.ids = ids;
  }

  StackRecord stack() {
    return stack;
  }

  /** The stack {@code StackName} names (name or id); ValidationError as CloudFormation answers otherwise. */
  StackRecord require(Map<String, String> form) {
    String wanted = form.get("StackName");
    if (stack == null || wanted == null || !stack.named(wanted)) {
      throw validation("Stack with id " + (wanted == null ? "" : wanted) + " does not exist");
    }
    return stack;
  }

  /** UpdateStack: TemplateBody (or UsePreviousTemplate); returns the stack id. */
  String updateStack(Map<String, String> form) {
    StackRecord record = require(form);
    String body = templateBody(form, true);
    JsonNode template = parse(body);
    requireUpdatable(record);
    if (template.equals(record.template)) {
      throw validation("No updates are to be performed.");
    }
    new StackUpdate(record, template, body, TemplateDiff.compare(record.template, template), services, null).start();
    return record.id;
  }

  /** CreateChangeSet (ChangeSetType UPDATE): returns the change set. */
  ChangeSet createChangeSet(Map<String, String> form) {
    StackRecord record = require(form);
    String name = form.get("ChangeSetName");
    if (name == null || !name.matches("[a-zA-Z][-a-zA-Z0-9]{0,127}")) {
      throw validation("1 validation error detected: Value '" + name + "' at 'changeSetName' failed to satisfy "
          + "constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
    }
    String type = form.getOrDefault("ChangeSetType", "UPDATE");
    if (type.equals("CREATE")) {
      throw validation("Stack [" + record.name + "] already exists and cannot be created again with the changeSet ["
          + name + "].");
    }
    if (!type.equals("UPDATE")) {
      throw validation("ChangeSetType " + type + " is not supported by the batch-lab emulator; use UPDATE");
    }
    if (record.changeSets.containsKey(name)) {
      throw new ApiException(400, "AlreadyExistsException", "ChangeSet " + name + " already exists");
    }
    String body = templateBody(form, true);
    JsonNode template = parse(body);
    StackChanges changes = TemplateDiff.compare(record.template, template);
    String id = "arn:aws:cloudformation:" + services.arns().region() + ":" + services.arns().account() + ":changeSet/"
        + name + "/" + ids.uuid();
    ChangeSet changeSet = new ChangeSet(name, id, services.scheduler().now(), body, template, changes,
        template.equals(record.template));
    record.changeSets.put(name, changeSet);
    return changeSet;
  }

  /** The change set named by ChangeSetName (name with StackName, or its ARN); ChangeSetNotFound otherwise. */
  ChangeSet changeSet(Map<String, String> form) {
    String wanted = form.get("ChangeSetName");
    if (stack != null && wanted != null) {
      for (ChangeSet changeSet : stack.changeSets.values()) {
        if (changeSet.id.equals(wanted) || (changeSet.name.equals(wanted) && stack.named(form.get("StackName")))) {
          return changeSet;
        }
      }
    }
    if (wanted != null && !wanted.startsWith("arn:")) {
      require(form);
    }
    throw new ApiException(404, "ChangeSetNotFound", "ChangeSet [" + wanted + "] does not exist");
  }

  void executeChangeSet(Map<String, String> form) {
    ChangeSet changeSet = changeSet(form);
    if (!changeSet.executionStatus.equals("AVAILABLE")) {
      throw new ApiException(400, "InvalidChangeSetStatus", "ChangeSet [" + changeSet.id
          + "] cannot be executed in its current execution status of [" + changeSet.executionStatus + "]");
    }
    requireUpdatable(stack);
    new StackUpdate(stack, changeSet.template, changeSet.templateBody, changeSet.changes, services, changeSet).start();
    // Executing a change set deletes the stack's other change sets (they describe an old template).
    stack.changeSets.values().removeIf(other -> other != changeSet);
  }

  void deleteChangeSet(Map<String, String> form) {
    ChangeSet changeSet = changeSet(form);
    if (changeSet.executionStatus.equals("EXECUTE_IN_PROGRESS")) {
      throw new ApiException(400, "InvalidChangeSetStatus", "ChangeSet [" + changeSet.id
          + "] cannot be deleted in its current execution status of [EXECUTE_IN_PROGRESS]");
    }
    stack.changeSets.remove(changeSet.name);
  }

  private static void requireUpdatable(StackRecord record) {
    if (record.inProgress()) {
      throw validation("Stack:" + record.id + " is in " + record.status + " state and can not be updated.");
    }
  }

  private String templateBody(Map<String, String> form, boolean allowPrevious) {
    if (form.containsKey("TemplateURL")) {
      throw validation("TemplateURL is not supported by the batch-lab emulator; send the template as TemplateBody");
    }
    String body = form.get("TemplateBody");
    if (body == null && allowPrevious && "true".equalsIgnoreCase(form.get("UsePreviousTemplate"))) {
      return stack.templateBody;
    }
    if (body == null || body.isBlank()) {
      throw validation("Either Template URL or Template Body must be specified.");
    }
    return body;
  }

  private static JsonNode parse(String body) {
    try {
      return TemplateLoader.parse(body);
    } catch (TemplateException e) {
      throw validation("Template format error: " + e.getMessage());
    }
  }

  static ApiException validation(String message) {
    return new ApiException(400, "ValidationError", message);
  }
}
