package batchlab.local;

import batchlab.infra.StackSynthesizer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;

/** The lab's synthesized templates for update tests, and edits of them that no context key makes. */
final class StackTemplates {

  static final ObjectMapper JSON = new ObjectMapper();

  private StackTemplates() {}

  static String synthesized(Map<String, String> context) {
    return StackSynthesizer.synthesize(context).templateJson();
  }

  /** The template with {@code edit} applied to the properties of its (only) resource of {@code type}. */
  static String withProperties(String template, String type, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(template);
      root.path("Resources").properties().forEach(e -> {
        if (e.getValue().path("Type").asText().equals(type)) {
          edit.accept((ObjectNode) e.getValue().path("Properties"));
        }
      });
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode tree(String template) {
    try {
      return JSON.readTree(template);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
