package batchlab.cli;

import batchlab.batch.ResourceChange;
import batchlab.batch.StackChanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How {@code batch-lab diff} prints a {@link StackChanges}: lines for people, JSON for scripts, and its exit code. */
final class DiffReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String stackName;
  private final String from;
  private final String to;
  private final StackChanges changes;

  DiffReport(String stackName, String from, String to, StackChanges changes) {
    this.stackName = stackName;
    this.from = from;
    this.to = to;
    this.changes = changes;
  }

  /** 0 every change in place, 3 running work may be interrupted, 4 the update would fail. */
  int exitCode() {
    if (changes.fails()) {
      return ExitCodes.UPDATE_WOULD_FAIL;
    }
    return changes.interruptsRunningWork() ? ExitCodes.UPDATE_INTERRUPTS_WORK : ExitCodes.OK;
  }

  String verdict() {
    if (changes.empty()) {
      return "no changes (CloudFormation would answer \"No updates are to be performed.\")";
    }
    return switch (exitCode()) {
      case ExitCodes.UPDATE_WOULD_FAIL -> "the update would fail and roll back";
      case ExitCodes.UPDATE_INTERRUPTS_WORK -> "running work may be interrupted";
      default -> "every change in place, running jobs unaffected";
    };
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append("stack ").append(stackName).append(": ").append(from).append(" -> ").append(to).append('\n');
    for (ResourceChange change : changes.resources()) {
      out.append(change.logicalId()).append(" (").append(change.type()).append("): ").append(change.consequence())
          .append('\n');
      for (ResourceChange.Property property : change.properties()) {
        out.append("    ").append(property.path()).append(": ");
        if (property.repointed()) {
          out.append("re-pointed (").append(compact(property.after())).append(')');
        } else {
          out.append(compact(property.before())).append(" -> ").append(compact(property.after()));
        }
        out.append('\n');
      }
    }
    out.append("result: ").append(verdict()).append(" (exit ").append(exitCode()).append(")\n");
    return out.toString();
  }

  String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("stack", stackName);
    root.put("from", from);
    root.put("to", to);
    ArrayNode list = root.putArray("changes");
    for (ResourceChange change : changes.resources()) {
      ObjectNode node = list.addObject();
      node.put("logicalId", change.logicalId());
      node.put("type", change.type());
      node.put("kind", change.kind().name());
      node.put("consequence", change.consequence());
      node.put("interruptsRunningWork", change.kind().interruptsRunningWork());
      if (change.failure() != null) {
        node.put("failure", change.failure());
      }
      ArrayNode properties = node.putArray("properties");
      for (ResourceChange.Property property : change.properties()) {
        ObjectNode p = properties.addObject();
        p.put("path", property.path());
        p.set("before", property.before());
        p.set("after", property.after());
        p.put("repointed", property.repointed());
      }
    }
    root.put("fails", changes.fails());
    root.put("interruptsRunningWork", changes.interruptsRunningWork());
    root.put("result", verdict());
    root.put("exitCode", exitCode());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render the diff as JSON", e);
    }
  }

  private static String compact(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "(none)";
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
