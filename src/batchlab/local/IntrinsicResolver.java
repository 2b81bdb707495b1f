package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions as far as a synthesized CDK template needs them:
 * Ref (resources, parameters with defaults, pseudo parameters, AWS::NoValue), Fn::GetAtt, Fn::Join,
 * Fn::Sub, Fn::Select, Fn::Split, Fn::If / conditions (Fn::Equals, Fn::Not, Fn::And, Fn::Or,
 * Condition), Fn::FindInMap, Fn::GetAZs and Fn::Base64. Anything else is a {@link TemplateException}.
 */
final class IntrinsicResolver {

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode template;
  private final Map<String, String> pseudo;
  private final Function<String, String> refOfResource;
  private final BiFunction<String, String, String> attributeOfResource;
  private final Map<String, Boolean> conditions = new HashMap<>();

  IntrinsicResolver(JsonNode template, Map<String, String> pseudo, Function<String, String> refOfResource,
      BiFunction<String, String, String> attributeOfResource) {
    this.template = template;
    this.pseudo = pseudo;
    this.refOfResource = refOfResource;
    this.attributeOfResource = attributeOfResource;
  }

  /** The resolved value; null where the value is {@code Ref: AWS::NoValue} (property left out). */
  JsonNode resolve(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : node) {
        JsonNode value = resolve(item);
        if (value != null) {
          out.add(value);
        }
      }
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    if (node.size() == 1) {
      String key = node.fieldNames().next();
      if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
        return function(key, node.get(key));
      }
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = resolve(field.getValue());
      if (value != null) {
        out.set(field.getKey(), value);
      }
    }
    return out;
  }

  String resolveText(JsonNode node, String where) {
    JsonNode value = resolve(node);
    if (value == null || !value.isValueNode()) {
      throw new TemplateException(where + " must resolve to a string, got " + value);
    }
    return value.asText();
  }

  boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    JsonNode definition = template.path("Conditions").get(name);
    if (definition == null) {
      throw new TemplateException("condition " + name + " is not defined in Conditions");
    }
    boolean value = truth(definition);
    conditions.put(name, value);
    return value;
  }

  private JsonNode function(String name, JsonNode args) {
    return switch (name) {
      case "Ref" -> ref(args.asText());
      case "Fn::GetAtt" -> getAtt(args);
      case "Fn::Join" -> join(args);
      case "Fn::Sub" -> sub(args);
      case "Fn::Select" -> select(args);
      case "Fn::Split" -> split(args);
      case "Fn::If" -> {
        requireArray(name, args, 3);
        yield resolve(condition(args.get(0).asText()) ? args.get(1) : args.get(2));
      }
      case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition" -> NODES.booleanNode(truth(
          NODES.objectNode().set(name, args)));
      case "Fn::FindInMap" -> findInMap(args);
      case "Fn::GetAZs" -> {
        String region = pseudo.get("AWS::Region");
        yield NODES.arrayNode().add(region + "a").add(region + "b").add(region + "c");
      }
      case "Fn::Base64" -> TextNode.valueOf(Base64.getEncoder().encodeToString(
          resolveText(args, "Fn::Base64").getBytes(StandardCharsets.UTF_8)));
      default -> throw new TemplateException("intrinsic function " + name + " is not supported by the emulator's "
          + "template loader");
    };
  }

  private JsonNode ref(String name) {
    if (name.equals("AWS::NoValue")) {
      return null;
    }
    if (pseudo.containsKey(name)) {
      return TextNode.valueOf(pseudo.get(name));
    }
    JsonNode parameter = template.path("Parameters").get(name);
    if (parameter != null) {
      JsonNode fallback = parameter.get("Default");
      if (fallback == null) {
        throw new TemplateException("parameter " + name + " has no Default and the emulator takes no parameters");
      }
      return fallback;
    }
    if (template.path("Resources").has(name)) {
      return TextNode.valueOf(refOfResource.apply(name));
    }
    throw new TemplateException("Ref to " + name + ", which is neither a resource, a parameter nor a pseudo parameter");
  }

  private JsonNode getAtt(JsonNode args) {
    String logicalId;
    String attribute;
    if (args.isTextual()) {
      String text = args.asText();
      int dot = text.indexOf('.');
      if (dot < 0) {
        throw new TemplateException("Fn::GetAtt '" + text + "' must be LogicalId.Attribute");
      }
      logicalId = text.substring(0, dot);
      attribute = text.substring(dot + 1);
    } else {
      requireArray("Fn::GetAtt", args, 2);
      logicalId = args.get(0).asText();
      attribute = resolveText(args.get(1), "Fn::GetAtt attribute");
    }
    if (!template.path("Resources").has(logicalId)) {
      throw new TemplateException("Fn::GetAtt refers to " + logicalId + ", which is not a resource of the template");
    }
    return TextNode.valueOf(attributeOfResource.apply(logicalId, attribute));
  }

  private JsonNode join(JsonNode args) {
    requireArray("Fn::Join", args, 2);
    String delimiter = args.get(0).asText();
    JsonNode parts = resolve(args.get(1));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      out.append(parts.get(i).asText());
    }
    return TextNode.valueOf(out.toString());
  }

  private JsonNode sub(JsonNode args) {
    String text;
    Map<String, String> variables = new HashMap<>();
    if (args.isTextual()) {
      text = args.asText();
    } else {
      requireArray("Fn::Sub", args, 2);
      text = args.get(0).asText();
      args.get(1).properties().forEach(e -> variables.put(e.getKey(), resolveText(e.getValue(), "Fn::Sub variable")));
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value;
      if (variables.containsKey(name)) {
        value = variables.get(name);
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        int dot = name.indexOf('.');
        value = getAtt(NODES.arrayNode().add(name.substring(0, dot)).add(name.substring(dot + 1))).asText();
      } else {
        JsonNode resolved = ref(name);
        value = resolved == null ? "" : resolved.asText();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    // ${!Literal} writes ${Literal} (CloudFormation's escape).
    return TextNode.valueOf(out.toString().replace("${!", "${"));
  }

  private JsonNode select(JsonNode args) {
    requireArray("Fn::Select", args, 2);
    int index = Integer.parseInt(resolveText(args.get(0), "Fn::Select index"));
    JsonNode list = resolve(args.get(1));
    if (list == null || !list.isArray() || index < 0 || index >= list.size()) {
      throw new TemplateException("Fn::Select index " + index + " is outside the list " + list);
    }
    return list.get(index);
  }

  private JsonNode split(JsonNode args) {
    requireArray("Fn::Split", args, 2);
    String delimiter = args.get(0).asText();
    String text = resolveText(args.get(1), "Fn::Split source");
    ArrayNode out = NODES.arrayNode();
    for (String part : text.split(Pattern.quote(delimiter), -1)) {
      out.add(part);
    }
    return out;
  }

  private JsonNode findInMap(JsonNode args) {
    requireArray("Fn::FindInMap", args, 3);
    String map = resolveText(args.get(0), "Fn::FindInMap map");
    String top = resolveText(args.get(1), "Fn::FindInMap key");
    String second = resolveText(args.get(2), "Fn::FindInMap key");
    JsonNode value = template.path("Mappings").path(map).path(top).get(second);
    if (value == null) {
      throw new TemplateException("Fn::FindInMap found nothing at " + map + "/" + top + "/" + second);
    }
    return value;
  }

  private boolean truth(JsonNode node) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual()) {
      return Boolean.parseBoolean(node.asText());
    }
    String name = node.fieldNames().next();
    JsonNode args = node.get(name);
    return switch (name) {
      case "Fn::Equals" -> {
        requireArray(name, args, 2);
        yield resolve(args.get(0)).asText().equals(resolve(args.get(1)).asText());
      }
      case "Fn::Not" -> !truth(args.get(0));
      case "Fn::And" -> {
        boolean all = true;
        for (JsonNode item : args) {
          all &= truth(item);
        }
        yield all;
      }
      case "Fn::Or" -> {
        boolean any = false;
        for (JsonNode item : args) {
          any |= truth(item);
        }
        yield any;
      }
      case "Condition" -> condition(args.asText());
      default -> throw new TemplateException("condition function " + name + " is not supported");
    };
  }

  private static void requireArray(String function, JsonNode args, int size) {
    if (!args.isArray() || args.size() != size) {
      throw new TemplateException(function + " takes a list of " + size + " arguments, got " + args);
    }
  }
}
