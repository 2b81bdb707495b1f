package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One of a job queue's jobStateTimeLimitActions (API Reference, JobStateTimeLimitAction; User
 * Guide, "Automatic remediation with jobStateTimeLimitActions"): a job RUNNABLE at the head of
 * the queue with statusReason {@code reason} for {@code maxTimeSeconds} is cancelled. The API
 * model types {@code reason} as a free string: any is accepted and stored, and only a reason the
 * scheduler sets on a blocked job ever matches one.
 */
record TimeLimitAction(String reason, String state, int maxTimeSeconds, String action) {

  static List<TimeLimitAction> parseList(JsonNode node) {
    List<TimeLimitAction> actions = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return actions;
    }
    if (!node.isArray()) {
      throw ApiException.client("jobStateTimeLimitActions must be a list");
    }
    for (JsonNode item : node) {
      String reason = item.path("reason").asText("");
      String state = item.path("state").asText("");
      String action = item.path("action").asText("");
      int maxTime = item.path("maxTimeSeconds").asInt(-1);
      if (reason.isEmpty()) {
        throw ApiException.client("jobStateTimeLimitActions.reason is required: the statusReason to act on");
      }
      if (!state.equals("RUNNABLE")) {
        throw ApiException.client("jobStateTimeLimitActions.state must be RUNNABLE, got '" + state + "'");
      }
      if (!action.equals("CANCEL")) {
        throw ApiException.client("jobStateTimeLimitActions.action must be CANCEL, got '" + action + "'");
      }
      if (maxTime < 600 || maxTime > 86_400) {
        throw ApiException.client(
            "jobStateTimeLimitActions.maxTimeSeconds must be between 600 and 86400, got " + item.path("maxTimeSeconds"));
      }
      actions.add(new TimeLimitAction(reason, state, maxTime, action));
    }
    return actions;
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("reason", reason);
    node.put("state", state);
    node.put("maxTimeSeconds", maxTimeSeconds);
    node.put("action", action);
    return node;
  }
}
