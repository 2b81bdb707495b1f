package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Batch REST-JSON front: {@code POST /v1/<operation in lower case>} with a JSON body, plus the
 * tagging routes under {@code /v1/tags/<arn>}. Operations AWS has but the emulator does not model
 * answer a ClientException that says so; paths that are no operation at all answer 404
 * UnknownOperationException.
 */
final class BatchApi {

  /** Batch operations the emulator knows of but does not implement (consumable resources, services...). */
  private static final Set<String> KNOWN_UNSUPPORTED = Set.of(
      "canceljobs", "terminatejobs", "createconsumableresource",
      "deleteconsumableresource", "describeconsumableresource", "listconsumableresources",
      "updateconsumableresource", "listjobsbyconsumableresource", "createserviceenvironment",
      "deleteserviceenvironment", "describeserviceenvironments", "updateserviceenvironment", "submitservicejob",
      "describeservicejob", "listservicejobs", "terminateservicejob", "terminateservicejobs", "updateservicejob",
      "createquotashare", "deletequotashare", "describequotashare", "listquotashares", "updatequotashare");

  private final Map<String, Operation> operations = new HashMap<>();
  private final TagOperations tags;

  BatchApi(Map<String, Operation> operations, TagOperations tags) {
    this.operations.putAll(operations);
    this.tags = tags;
  }

  /** Whether the path belongs to this API (so errors are rendered Batch-style). */
  static boolean handles(String path) {
    return path.startsWith("/v1/");
  }

  JsonNode handle(String method, String path, String query, JsonNode body) {
    if (path.startsWith("/v1/tags/")) {
      String arn = URLDecoder.decode(path.substring("/v1/tags/".length()), StandardCharsets.UTF_8);
      return switch (method) {
        case "GET" -> tags.list(arn);
        case "DELETE" -> tags.untag(arn, queryValues(query, "tagKeys"));
        case "POST" -> tags.tag(arn, typed("tagresource", body));
        default -> throw new ApiException(405, "UnknownOperationException", method + " " + path + " is not an operation");
      };
    }
    String name = path.substring("/v1/".length());
    Operation operation = operations.get(name);
    if (operation == null || !method.equals("POST")) {
      if (KNOWN_UNSUPPORTED.contains(name)) {
        throw ApiException.client("Operation " + name + " is not supported by the batch-lab emulator");
      }
      throw new ApiException(404, "UnknownOperationException", "Unknown operation " + method + " " + path);
    }
    return operation.apply(typed(name, body));
  }

  /** The body read against the operation's shape in the API model: wrong types are a ClientException. */
  private static JsonNode typed(String operation, JsonNode body) {
    JsonNode request = body == null || body.isMissingNode() ? Json.object() : body;
    return ApiModel.batch().request(operation).<JsonNode>map(shape -> shape.readBody(request, false)).orElse(request);
  }

  private static List<String> queryValues(String query, String key) {
    List<String> values = new ArrayList<>();
    if (query == null) {
      return values;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(key)) {
        values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
