package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** maxResults/nextToken paging over an in-memory list (tokens are opaque offsets). */
final class Paging {

  private Paging() {}

  static <T> List<T> page(List<T> items, JsonNode request, ObjectNode response) {
    Integer maxResults = Json.optionalInt(request, "maxResults", 1, 1000);
    int limit = maxResults == null ? 100 : maxResults;
    int from = offset(Json.optionalString(request, "nextToken"));
    if (from > items.size()) {
      throw ApiException.client("nextToken is not valid for this request");
    }
    int to = Math.min(items.size(), from + limit);
    if (to < items.size()) {
      response.put("nextToken", "o" + to);
    }
    return items.subList(from, to);
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      if (token.startsWith("o")) {
        return Integer.parseInt(token.substring(1));
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw ApiException.client("nextToken '" + token + "' is not valid");
  }
}
