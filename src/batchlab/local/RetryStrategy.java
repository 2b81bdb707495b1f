package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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

  /**
   * onStatusReason and onReason: up to 512 letters, digits, periods, colons and white space, with an
   * optional '*' at the end (API Reference, EvaluateOnExit).
   */
  private static final Pattern REASON_PATTERN = Pattern.compile("[A-Za-z0-9.: \\t]*\\*?");
  /** onExitCode: up to 512 digits, with an optional '*' at the end. */
  private static final Pattern EXIT_CODE_PATTERN = Pattern.compile("[0-9]*\\*?");
  private static final int PATTERN_MAX = 512;
  private static final int MAX_ENTRIES = 5;

  static RetryStrategy parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      throw ApiException.client("retryStrategy must be an object");
    }
    JsonNode attemptsNode = node.get("attempts");
    Integer attempts = attemptsNode == null || attemptsNode.isNull() ? null : attemptsNode.asInt();
    if (attempts != null && (!attemptsNode.isInt() || attempts < 1 || attempts > 10)) {
      throw ApiException.client("retryStrategy.attempts must be between 1 and 10, got " + attemptsNode);
    }
    List<EvaluateOnExit> entries = new ArrayList<>();
    JsonNode list = node.path("evaluateOnExit");
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray() || list.size() > MAX_ENTRIES) {
        throw ApiException.client("retryStrategy.evaluateOnExit must be a list of at most " + MAX_ENTRIES + " entries");
      }
      if (attempts == null) {
        throw ApiException.client("retryStrategy.attempts is required when retryStrategy.evaluateOnExit is given");
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode entry = list.get(i);
        String where = "retryStrategy.evaluateOnExit[" + i + "].";
        String action = entry.path("action").asText("").toUpperCase(Locale.ROOT);
        if (!action.equals("RETRY") && !action.equals("EXIT")) {
          throw ApiException.client(where + "action must be RETRY or EXIT, got '" + entry.path("action").asText() + "'");
        }
        entries.add(new EvaluateOnExit(pattern(entry, where, "onStatusReason", REASON_PATTERN),
            pattern(entry, where, "onReason", REASON_PATTERN), pattern(entry, where, "onExitCode", EXIT_CODE_PATTERN),
            action.equals("RETRY")));
      }
    }
    return new RetryStrategy(attempts == null ? 1 : attempts, List.copyOf(entries));
  }

  private static String pattern(JsonNode entry, String where, String field, Pattern allowed) {
    String value = Json.optionalString(entry, field);
    if (value == null) {
      return null;
    }
    if (value.isEmpty() || value.length() > PATTERN_MAX || !allowed.matcher(value).matches()) {
      throw ApiException.client(where + field + " '" + value + "' is not valid: 1 to " + PATTERN_MAX + " "
          + (allowed == EXIT_CODE_PATTERN ? "digits" : "letters, numbers, periods, colons and spaces")
          + ", with * only at the end");
    }
    return value;
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

}
