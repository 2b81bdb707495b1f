package batchlab.local;

import batchlab.batch.ResourceChange;
import batchlab.batch.UpdateKind;
import batchlab.util.Markup;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudFormation's query protocol ({@code Action=...&Version=2010-05-15}) for the loaded stack, in
 * CloudFormation's XML shapes: DescribeStacks (Outputs resolved), DescribeStackEvents (newest first),
 * DescribeStackResources, ListStackResources, GetTemplate, UpdateStack and CreateChangeSet /
 * DescribeChangeSet / ExecuteChangeSet / DeleteChangeSet ({@link StackOperations}, {@link StackUpdate}).
 */
final class CloudFormationApi {

  static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  private static final String ACTIONS = "DescribeStacks, DescribeStackEvents, DescribeStackResources, "
      + "ListStackResources, GetTemplate, UpdateStack, CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, "
      + "DeleteChangeSet";

  private final StackOperations operations;

  CloudFormationApi(StackOperations operations) {
    this.operations = operations;
  }

  /** The stack as DescribeStacks shows it now; null without a template. */
  LoadedStack loaded() {
    StackRecord stack = operations.stack();
    return stack == null ? null : stack.loaded;
  }

  /** Returns the XML document for {@code form} (the decoded query parameters). */
  String handle(Map<String, String> form, String requestId) {
    String action = form.get("Action");
    StringBuilder result = new StringBuilder(1024);
    switch (action == null ? "" : action) {
      case "DescribeStacks" -> describeStacks(form, result);
      case "DescribeStackEvents" -> describeStackEvents(operations.require(form), result);
      case "DescribeStackResources" -> describeStackResources(operations.require(form), result);
      case "ListStackResources" -> listStackResources(operations.require(form), result);
      case "GetTemplate" -> result.append(element("TemplateBody", operations.require(form).templateBody))
          .append("<StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable>");
      case "UpdateStack" -> result.append(element("StackId", operations.updateStack(form)));
      case "CreateChangeSet" -> {
        ChangeSet changeSet = operations.createChangeSet(form);
        result.append(element("Id", changeSet.id)).append(element("StackId", operations.stack().id));
      }
      case "DescribeChangeSet" -> describeChangeSet(operations.changeSet(form), result);
      case "ExecuteChangeSet" -> operations.executeChangeSet(form);
      case "DeleteChangeSet" -> operations.deleteChangeSet(form);
      default -> throw new ApiException(400, "InvalidAction", "Action " + action
          + " is not supported by the batch-lab emulator's CloudFormation endpoint; supported: " + ACTIONS);
    }
    return "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result>" + result + "</" + action
        + "Result><ResponseMetadata>" + element("RequestId", requestId) + "</ResponseMetadata></" + action
        + "Response>";
  }

  private void describeStacks(Map<String, String> form, StringBuilder xml) {
    StackRecord stack = form.get("StackName") == null && operations.stack() != null ? operations.stack()
        : operations.require(form);
    LoadedStack loaded = stack.loaded;
    xml.append("<Stacks><member>")
        .append(element("StackName", stack.name))
        .append(element("StackId", stack.id))
        .append(element("CreationTime", time(stack.createdAt)));
    if (stack.lastUpdatedAt > 0) {
      xml.append(element("LastUpdatedTime", time(stack.lastUpdatedAt)));
    }
    xml.append(element("StackStatus", stack.status));
    if (stack.statusReason != null) {
      xml.append(element("StackStatusReason", stack.statusReason));
    }
    xml.append("<Outputs>");
    for (LoadedStack.Output output : loaded.outputs()) {
      xml.append("<member>").append(element("OutputKey", output.key())).append(element("OutputValue", output.value()));
      if (output.description() != null) {
        xml.append(element("Description", output.description()));
      }
      if (output.exportName() != null) {
        xml.append(element("ExportName", output.exportName()));
      }
      xml.append("</member>");
    }
    xml.append("</Outputs><Tags/><EnableTerminationProtection>false</EnableTerminationProtection>")
        .append("<DisableRollback>false</DisableRollback></member></Stacks>");
  }

  private static void describeStackEvents(StackRecord stack, StringBuilder xml) {
    xml.append("<StackEvents>");
    List<StackRecord.Event> events = stack.events;
    for (int i = events.size() - 1; i >= 0; i--) {
      StackRecord.Event e = events.get(i);
      xml.append("<member>").append(element("StackId", stack.id)).append(element("EventId", e.eventId()))
          .append(element("StackName", stack.name)).append(element("LogicalResourceId", e.logicalId()))
          .append(element("PhysicalResourceId", e.physicalId())).append(element("ResourceType", e.type()))
          .append(element("Timestamp", time(e.timestamp()))).append(element("ResourceStatus", e.status()));
      if (e.reason() != null) {
        xml.append(element("ResourceStatusReason", e.reason()));
      }
      xml.append("</member>");
    }
    xml.append("</StackEvents>");
  }

  private static void describeStackResources(StackRecord stack, StringBuilder xml) {
    xml.append("<StackResources>");
    for (StackRecord.Resource r : stack.resources.values()) {
      xml.append("<member>").append(element("StackName", stack.name)).append(element("StackId", stack.id))
          .append(element("LogicalResourceId", r.logicalId())).append(element("PhysicalResourceId", r.physicalId()))
          .append(element("ResourceType", r.type())).append(element("Timestamp", time(r.timestamp())))
          .append(element("ResourceStatus", r.status())).append("</member>");
    }
    xml.append("</StackResources>");
  }

  private static void listStackResources(StackRecord stack, StringBuilder xml) {
    xml.append("<StackResourceSummaries>");
    for (StackRecord.Resource r : stack.resources.values()) {
      xml.append("<member>").append(element("LogicalResourceId", r.logicalId()))
          .append(element("PhysicalResourceId", r.physicalId())).append(element("ResourceType", r.type()))
          .append(element("LastUpdatedTimestamp", time(r.timestamp()))).append(element("ResourceStatus", r.status()))
          .append("</member>");
    }
    xml.append("</StackResourceSummaries>");
  }

  private void describeChangeSet(ChangeSet changeSet, StringBuilder xml) {
    StackRecord stack = operations.stack();
    xml.append(element("ChangeSetName", changeSet.name)).append(element("ChangeSetId", changeSet.id))
        .append(element("StackId", stack.id)).append(element("StackName", stack.name))
        .append(element("CreationTime", time(changeSet.createdAt)))
        .append(element("ExecutionStatus", changeSet.executionStatus)).append(element("Status", changeSet.status));
    if (changeSet.statusReason != null) {
      xml.append(element("StatusReason", changeSet.statusReason));
    }
    xml.append("<Changes>");
    for (ResourceChange change : changeSet.changes.resources()) {
      String action = switch (change.kind()) {
        case ADDED -> "Add";
        case REMOVED -> "Remove";
        default -> "Modify";
      };
      boolean recreates = change.kind() == UpdateKind.REPLACEMENT || change.kind() == UpdateKind.NEW_REVISION;
      xml.append("<member><Type>Resource</Type><ResourceChange>").append(element("Action", action))
          .append(element("LogicalResourceId", change.logicalId()));
      String physicalId = stack.loaded.physicalIds().get(change.logicalId());
      if (physicalId != null) {
        xml.append(element("PhysicalResourceId", physicalId));
      }
      xml.append(element("ResourceType", change.type()));
      if (action.equals("Modify")) {
        xml.append(element("Replacement", recreates ? "True" : "False"))
            .append("<Scope><member>Properties</member></Scope><Details>");
        Set<String> names = new LinkedHashSet<>();
        for (ResourceChange.Property property : change.properties()) {
          String name = property.path().split("\\.")[0];
          if (names.add(name)) {
            xml.append("<member><Target>").append(element("Attribute", "Properties")).append(element("Name", name))
                .append(element("RequiresRecreation", recreates ? "Always" : "Never")).append("</Target>")
                .append(element("Evaluation", property.repointed() ? "Dynamic" : "Static"))
                .append(element("ChangeSource", property.repointed() ? "ResourceAttribute" : "DirectModification"))
                .append("</member>");
          }
        }
        xml.append("</Details>");
      }
      xml.append("</ResourceChange></member>");
    }
    xml.append("</Changes>");
  }

  /** The query protocol's error document. */
  static String error(ApiException error, String requestId) {
    String type = error.status() >= 500 ? "Receiver" : "Sender";
    return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error>" + element("Type", type)
        + element("Code", error.code()) + element("Message", error.getMessage()) + "</Error>"
        + element("RequestId", requestId) + "</ErrorResponse>";
  }

  private static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static String element(String name, String value) {
    return "<" + name + ">" + Markup.escape(value == null ? "" : value) + "</" + name + ">";
  }
}
