package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A job's retryStrategy (API Reference, RetryStrategy and EvaluateOnExit): up to {@code attempts}
 * attempts (1-10); the first evaluateOnExit entry whose conditions all match decides RETRY or
 * EXIT, and when none matches the job is retried while attempts are left.
 */
record RetryStrategy(int attempts, List<EvaluateOnExit> evaluateOnExit) {

  static final RetryStrategy NONE = new RetryStrategy(1, List.of());

  /** One evaluateOnExit entry; null conditions are not checked. Patterns may end with '*'. */
  record EvaluateOnExit(String onStatusReason, String onReason, String onExitCode, boolean retry) {

    boolean matches(String statusReason, String reason, Integer exitCode) {
      return glob(onStatusReason, statusReason)
          && glob(onReason, reason)
          && glob(onExitCode, exitCode == null ? null : exitCode.toString());
    }

    /** Exact match, or prefix match when the pattern ends with '*'; '*' also matches nothing. */
    private static boolean glob(String pattern, String value) {
      if (pattern == null) {
        return true;
      }
      String text = value == null ? "" : value;
      if (pattern.endsWith("*")) {
        return text.startsWith(pattern.substring(0, pattern.length() - 1));
      }
      return pattern.equals(text);
    }
  }

  /** Whether a failed attempt number {@code attemptNumber} (1-based) is retried. */
  boolean retries(int attemptNumber, String statusReason, String reason, Integer exitCode) {
    if (attemptNumber >= attempts) {
      return false;
    }
    for (EvaluateOnExit entry : evaluateOnExit) {
      if (entry.matches(statusReason, reason, exitCode)) {
        return entry.retry();
      }
    }
    return true;
  }

  static RetryStrategy parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      throw ApiException.client("retryStrategy must be an object");
    }
    int attempts = node.path("attempts").asInt(1);
    if (attempts < 1 || attempts > 10) {
      throw ApiException.client("retryStrategy.attempts must be between 1 and 10, got " + node.path("attempts"));
    }
    List<EvaluateOnExit> entries = new ArrayList<>();
    JsonNode list = node.path("evaluateOnExit");
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray() || list.size() > 5) {
        throw ApiException.client("retryStrategy.evaluateOnExit must be a list of at most 5 entries");
      }
      for (JsonNode entry : list) {
        String action = entry.path("action").asText("").toUpperCase(Locale.ROOT);
        if (!action.equals("RETRY") && !action.equals("EXIT")) {
          throw ApiException.client(
              "retryStrategy.evaluateOnExit.action must be RETRY or EXIT, got '" + entry.path("action").asText() + "'");
        }
        entries.add(new EvaluateOnExit(text(entry, "onStatusReason"), text(entry, "onReason"),
            text(entry, "onExitCode"), action.equals("RETRY")));
      }
    }
    return new RetryStrategy(attempts, List.copyOf(entries));
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("attempts", attempts);
    if (!evaluateOnExit.isEmpty()) {
      ArrayNode list = node.putArray("evaluateOnExit");
      for (EvaluateOnExit entry : evaluateOnExit) {
        ObjectNode item = list.addObject();
        if (entry.onStatusReason() != null) {
          item.put("onStatusReason", entry.onStatusReason());
        }
        if (entry.onReason() != null) {
          item.put("onReason", entry.onReason());
        }
        if (entry.onExitCode() != null) {
          item.put("onExitCode", entry.onExitCode());
        }
        item.put("action", entry.retry() ? "RETRY" : "EXIT");
      }
    }
    return node;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
