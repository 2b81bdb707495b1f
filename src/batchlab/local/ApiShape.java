package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The type of one value in an API request (from {@link ApiModel}), and the one typed reader every
 * operation's body goes through: {@link #read} returns a clean copy holding only members the model
 * has, each of its type, or throws a 400 ClientException naming the field, the value and what is
 * allowed. Nulls count as absent. Nothing is coerced ("7" is no integer, [] no boolean), except in
 * CloudFormation mode, which converts scalars written as strings as CloudFormation does.
 */
sealed interface ApiShape {

  /** A clean copy of {@code value} at {@code path} (e.g. {@code computeResources.maxvCpus}). */
  JsonNode read(JsonNode value, String path, boolean cloudFormation);

  /** Reads a whole request body against this structure (the top level has no path). */
  default ObjectNode readBody(JsonNode body, boolean cloudFormation) {
    return (ObjectNode) read(body, "", cloudFormation);
  }

  private static ApiException wrong(String path, String expected, JsonNode value) {
    return ApiException.client((path.isEmpty() ? "Request body" : path) + " must be " + expected + ", got " + value);
  }

  private static String member(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A structure: the members the model has; others are dropped, as the AWS JSON protocols ignore them. */
  record Structure(Map<String, ApiShape> members) implements ApiShape {
    @Override
    public JsonNode read(JsonNode value, String path, boolean cloudFormation) {
      if (!value.isObject()) {
        throw wrong(path, "an object", value);
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        ApiShape shape = members.get(field.getKey());
        if (shape != null && !field.getValue().isNull()) {
          out.set(field.getKey(), shape.read(field.getValue(), member(path, field.getKey()), cloudFormation));
        }
      }
      return out;
    }
  }

  record ListOf(ApiShape item) implements ApiShape {
    @Override
    public JsonNode read(JsonNode value, String path, boolean cloudFormation) {
      if (!value.isArray()) {
        throw wrong(path, "a list", value);
      }
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < value.size(); i++) {
        if (value.get(i).isNull()) {
          throw wrong(path + "[" + i + "]", "a value", value.get(i));
        }
        out.add(item.read(value.get(i), path + "[" + i + "]", cloudFormation));
      }
      return out;
    }
  }

  /** A map with string keys (the only kind Batch and ECS have). */
  record MapOf(ApiShape value) implements ApiShape {
    @Override
    public JsonNode read(JsonNode node, String path, boolean cloudFormation) {
      if (!node.isObject()) {
        throw wrong(path, "a map", node);
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        if (entry.getValue().isNull()) {
          throw wrong(member(path, entry.getKey()), "a value", entry.getValue());
        }
        out.set(entry.getKey(), value.read(entry.getValue(), member(path, entry.getKey()), cloudFormation));
      }
      return out;
    }
  }

  /** A string the model restricts to an enum's values; {@code anyCase} where AWS documents them so. */
  record OneOf(List<String> values, boolean anyCase) implements ApiShape {
    @Override
    public JsonNode read(JsonNode value, String path, boolean cloudFormation) {
      JsonNode text = Scalar.STRING.read(value, path, cloudFormation);
      boolean known = anyCase ? values.stream().anyMatch(text.asText()::equalsIgnoreCase) : values.contains(text.asText());
      if (!known) {
        throw ApiException.client(path + " '" + text.asText() + "' is not valid; allowed: " + String.join(", ", values));
      }
      return text;
    }
  }

  enum Scalar implements ApiShape {
    STRING {
      @Override
      public JsonNode read(JsonNode value, String path, boolean cloudFormation) {
        if (value.isTextual()) {
          return value;
        }
        if (cloudFormation && (value.isNumber() || value.isBoolean())) {
          return TextNode.valueOf(value.asText());
        }
        throw wrong(path, "a string", value);
      }
    },
    INTEGER {
      @Override
      public JsonNode read(JsonNode value, String path, boolean cloudFormation) {
        BigDecimal number = integral(value, path, cloudFormation, "an integer");
        try {
          return IntNode.valueOf(number.intValueExact());
        } catch (ArithmeticException tooLarge) {
          throw wrong(path, "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, value);
        }
      }
    },
    LONG {
      @Override
      public JsonNode read(JsonNode value, String path, boolean cloudFormation) {
        BigDecimal number = integral(value, path, cloudFormation, "an integer");
        try {
          return LongNode.valueOf(number.longValueExact());
        } catch (ArithmeticException tooLarge) {
          throw wrong(path, "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE, value);
        }
      }
    },
    NUMBER {
      @Override
      public JsonNode read(JsonNode value, String path, boolean cloudFormation) {
        if (value.isNumber()) {
          return value;
        }
        if (cloudFormation && value.isTextual()) {
          try {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(value.asText().trim()));
          } catch (NumberFormatException e) {
            // reported below
          }
        }
        throw wrong(path, "a number", value);
      }
    },
    BOOLEAN {
      @Override
      public JsonNode read(JsonNode value, String path, boolean cloudFormation) {
        if (value.isBoolean()) {
          return value;
        }
        if (cloudFormation && value.isTextual() && value.asText().matches("(?i)true|false")) {
          return BooleanNode.valueOf(Boolean.parseBoolean(value.asText()));
        }
        throw wrong(path, "true or false", value);
      }
    };

    /** An integral JSON number (1.5 and 1e2 are not: the SDK reads only integer tokens into integer members). */
    private static BigDecimal integral(JsonNode value, String path, boolean cloudFormation, String expected) {
      if (value.isIntegralNumber()) {
        return value.decimalValue();
      }
      if (cloudFormation && value.isTextual() && value.asText().trim().matches("-?\\d+")) {
        return new BigDecimal(value.asText().trim());
      }
      throw wrong(path, expected, value);
    }
  }
}
