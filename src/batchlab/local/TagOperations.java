package batchlab.local;

import batchlab.batch.BatchLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * TagResource ({@code POST /v1/tags/{arn}}), ListTagsForResource ({@code GET}) and UntagResource
 * ({@code DELETE ...?tagKeys=}) for compute environments, queues, job definitions and jobs.
 */
final class TagOperations {

  /** API Reference, TagResource: at most 50 tags per resource. */
  private static final int MAX_TAGS = BatchLimits.TAGS_PER_RESOURCE;

  private final Registry registry;

  TagOperations(Registry registry) {
    this.registry = registry;
  }

  JsonNode tag(String arn, JsonNode request) {
    Map<String, String> tags = registry.tagsOf(arn);
    Map<String, String> added = Json.stringMap(request, "tags");
    if (added.isEmpty()) {
      throw ApiException.client("tags is required: a map of 1 to " + MAX_TAGS + " tags");
    }
    long total = added.keySet().stream().filter(k -> !tags.containsKey(k)).count() + tags.size();
    if (total > MAX_TAGS) {
      throw ApiException.client("a resource can have at most " + MAX_TAGS + " tags, this would make " + total);
    }
    tags.putAll(added);
    return Json.object();
  }

  JsonNode list(String arn) {
    ObjectNode response = Json.object();
    response.set("tags", Json.stringMapNode(registry.tagsOf(arn)));
    return response;
  }

  JsonNode untag(String arn, List<String> keys) {
    if (keys.isEmpty()) {
      throw ApiException.client("tagKeys is required: at least one key");
    }
    registry.tagsOf(arn).keySet().removeAll(keys);
    return Json.object();
  }
}
