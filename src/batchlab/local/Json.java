package batchlab.local;

import batchlab.batch.AwsNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request fields with AWS-style validation: every problem becomes a ClientException whose
 * message names the field, the bad value and what is allowed.
 */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String requiredString(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.client(field + " is required");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw ApiException.client(field + " must be a non-empty string, got " + value);
    }
    return value.asText();
  }

  static String optionalString(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.client(field + " must be a string, got " + value);
    }
    return value.asText();
  }

  static Integer optionalInt(JsonNode body, String field, int min, int max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw ApiException.client(field + " must be an integer, got " + value);
    }
    int number = value.asInt();
    if (number < min || number > max) {
      throw ApiException.client(field + " must be between " + min + " and " + max + ", got " + number);
    }
    return number;
  }

  /** A compute environment, job queue or job definition name ({@link AwsNames#BATCH_RESOURCE_NAME}). */
  static String requiredName(JsonNode body, String field) {
    String name = requiredString(body, field);
    if (!AwsNames.BATCH_RESOURCE_NAME.matcher(name).matches()) {
      throw ApiException.client(field + " '" + name + "' is not valid: use " + AwsNames.BATCH_RESOURCE_NAME_RULE);
    }
    return name;
  }

  /** A job name ({@link AwsNames#BATCH_JOB_NAME}). */
  static String requiredJobName(JsonNode body, String field) {
    String name = requiredString(body, field);
    if (!AwsNames.BATCH_JOB_NAME.matcher(name).matches()) {
      throw ApiException.client(field + " '" + name + "' is not valid: use " + AwsNames.BATCH_JOB_NAME_RULE);
    }
    return name;
  }

  static String enumValue(JsonNode body, String field, String defaultValue, String... allowed) {
    String value = optionalString(body, field);
    if (value == null) {
      return defaultValue;
    }
    for (String option : allowed) {
      if (option.equals(value)) {
        return value;
      }
    }
    throw ApiException.client(field + " '" + value + "' is not valid; allowed: " + String.join(", ", allowed));
  }

  static List<String> stringList(JsonNode body, String field) {
    JsonNode value = body.get(field);
    List<String> list = new ArrayList<>();
    if (value == null || value.isNull()) {
      return list;
    }
    if (!value.isArray()) {
      throw ApiException.client(field + " must be a list of strings, got " + value);
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.client(field + " must contain strings only, got " + item);
      }
      list.add(item.asText());
    }
    return list;
  }

  static Map<String, String> stringMap(JsonNode body, String field) {
    JsonNode value = body.get(field);
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return map;
    }
    if (!value.isObject()) {
      throw ApiException.client(field + " must be a map of strings, got " + value);
    }
    value.properties().forEach(e -> {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw ApiException.client(field + "." + e.getKey() + " must be a string, got " + e.getValue());
      }
      map.put(e.getKey(), e.getValue().asText());
    });
    return map;
  }

  static ObjectNode optionalObject(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw ApiException.client(field + " must be an object, got " + value);
    }
    return (ObjectNode) value;
  }

  static ObjectNode stringMapNode(Map<String, String> map) {
    ObjectNode node = object();
    map.forEach(node::put);
    return node;
  }

  static ArrayNode stringArray(List<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }
}
