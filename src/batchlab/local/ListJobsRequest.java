package batchlab.local;

import batchlab.batch.BatchLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A ListJobs call as sent, checked (API Reference, ListJobs): exactly one of jobQueue / arrayJobId;
 * without a filter one status (RUNNING when not given), with a filter (at most one) every status. With
 * arrayJobId a filter is ignored ("the filter doesn't apply to child jobs in an array"), so the
 * children are listed as without one.
 *
 * @param filter null without a filter
 * @param status the one status listed, null when a filter is given
 * @param afterSeq the position the nextToken continues after, null on the first page
 */
record ListJobsRequest(String jobQueue, String arrayJobId, int limit, Predicate<Job> filter, JobStatus status,
    Long afterSeq) {

  static ListJobsRequest parse(JsonNode request) {
    String queueName = Json.optionalString(request, "jobQueue");
    String arrayJobId = Json.optionalString(request, "arrayJobId");
    if (request.hasNonNull("multiNodeJobId")) {
      throw ApiException.client("multiNodeJobId is not supported by the emulator (no multi-node jobs)");
    }
    if ((queueName == null) == (arrayJobId == null)) {
      throw ApiException.client("exactly one of jobQueue, arrayJobId or multiNodeJobId must be given");
    }
    Integer maxResults = Json.optionalInt(request, "maxResults", 1, BatchLimits.LIST_RESULTS_MAX);
    int limit = maxResults == null ? BatchLimits.LIST_RESULTS_MAX : maxResults;
    Predicate<Job> filter = filter(request);
    if (arrayJobId != null) {
      // "The filter doesn't apply to child jobs in an array": checked, then ignored; jobStatus applies.
      filter = null;
    }
    JobStatus status = filter != null ? null
        : JobStatus.parse(request.hasNonNull("jobStatus") ? Json.optionalString(request, "jobStatus") : "RUNNING");
    String token = Json.optionalString(request, "nextToken");
    return new ListJobsRequest(queueName, arrayJobId, limit, filter, status, token == null ? null : tokenSeq(token));
  }

  /** The nextToken a page ends with, continuing after {@code last}. */
  static String token(Job last) {
    return "s" + last.seq;
  }

  private static long tokenSeq(String token) {
    try {
      if (token.startsWith("s")) {
        return Long.parseLong(token.substring(1));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.client("nextToken '" + token + "' is not valid");
  }

  private static Predicate<Job> filter(JsonNode request) {
    JsonNode filters = request.get("filters");
    if (filters == null || filters.isNull() || (filters.isArray() && filters.isEmpty())) {
      return null;
    }
    if (!filters.isArray() || filters.size() > 1) {
      throw ApiException.client("filters accepts at most one filter");
    }
    JsonNode filter = filters.get(0);
    String name = Json.requiredString(filter, "name");
    List<String> values = Json.stringList(filter, "values");
    if (values.size() != 1) {
      throw ApiException.client("filter " + name + " takes exactly one value, got " + values.size());
    }
    String value = values.get(0);
    return switch (name) {
      case "JOB_NAME" -> job -> nameMatches(value, job.name);
      case "JOB_DEFINITION" -> job -> definitionMatches(value, job.spec.definition());
      case "BEFORE_CREATED_AT" -> {
        long limit = epochMillis(name, value);
        yield job -> job.createdAt < limit;
      }
      case "AFTER_CREATED_AT" -> {
        long limit = epochMillis(name, value);
        yield job -> job.createdAt > limit;
      }
      default -> throw ApiException.client("filter name '" + name
          + "' is not valid; allowed: JOB_NAME, JOB_DEFINITION, BEFORE_CREATED_AT, AFTER_CREATED_AT");
    };
  }

  /** JOB_NAME: case-insensitive, a trailing '*' matches any suffix (API Reference, KeyValuesPair). */
  private static boolean nameMatches(String pattern, String name) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String n = name.toLowerCase(Locale.ROOT);
    return p.endsWith("*") ? n.startsWith(p.substring(0, p.length() - 1)) : n.equals(p);
  }

  private static boolean definitionMatches(String value, JobDefinition definition) {
    if (value.endsWith("*")) {
      String prefix = value.substring(0, value.length() - 1);
      return definition.name.startsWith(prefix) || definition.arn.startsWith(prefix);
    }
    return value.equals(definition.name) || value.equals(definition.arn)
        || value.equals(definition.name + ":" + definition.revision);
  }

  private static long epochMillis(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.client("filter " + name + " needs epoch milliseconds, got '" + value + "'");
    }
  }
}
