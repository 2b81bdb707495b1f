package batchlab.local;

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
  static final int MAX_TAGS = 50;

  private final Registry registry;
  private final Scheduler scheduler;

  TagOperations(Registry registry, Scheduler scheduler) {
    this.registry = registry;
    this.scheduler = scheduler;
  }

  JsonNode tag(String arn, JsonNode request) {
    Map<String, String> tags = registry.tagsOf(arn, scheduler);
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
    response.set("tags", Json.stringMapNode(registry.tagsOf(arn, scheduler)));
    return response;
  }

  JsonNode untag(String arn, List<String> keys) {
    if (keys.isEmpty()) {
      throw ApiException.client("tagKeys is required: at least one key");
    }
    registry.tagsOf(arn, scheduler).keySet().removeAll(keys);
    return Json.object();
  }
}
