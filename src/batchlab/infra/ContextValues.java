package batchlab.infra;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Typed reads of CDK context values. Values arrive as strings from {@code -c key=value} and as JSON
 * numbers, booleans or arrays from cdk.json; both are accepted. Every failure is a one-line
 * {@link SettingsException} naming the key, the value and what is allowed.
 */
final class ContextValues {

  private final Map<String, ?> context;

  ContextValues(Map<String, ?> context) {
    this.context = context;
  }

  /** Rejects keys that look like typos of known keys (e.g. {@code maxVcpu}). */
  void rejectTypos() {
    for (String key : context.keySet()) {
      ContextKey.typoOf(key).ifPresent(known -> {
        throw new SettingsException("unknown context key '" + key + "': did you mean '" + known.key()
            + "'? (known keys: " + ContextKey.allKeys() + ")");
      });
    }
  }

  boolean isSet(ContextKey key) {
    Object raw = context.get(key.key());
    return raw != null && !raw.toString().isBlank();
  }

  String string(ContextKey key, String defaultValue, Pattern allowed, String allowedText) {
    if (!isSet(key)) {
      return defaultValue;
    }
    String value = context.get(key.key()).toString().trim();
    if (!allowed.matcher(value).matches()) {
      throw bad(key, value, allowedText);
    }
    return value;
  }

  Optional<String> optionalString(ContextKey key, Pattern allowed, String allowedText) {
    return isSet(key) ? Optional.of(string(key, null, allowed, allowedText)) : Optional.empty();
  }

  int integer(ContextKey key, int defaultValue, int min, int max) {
    return optionalInteger(key, min, max).orElse(defaultValue);
  }

  OptionalInt optionalInteger(ContextKey key, int min, int max) {
    if (!isSet(key)) {
      return OptionalInt.empty();
    }
    Object raw = context.get(key.key());
    String range = "a whole number from " + min + " to " + max;
    BigDecimal number;
    try {
      number = new BigDecimal(raw.toString().trim());
    } catch (NumberFormatException e) {
      throw bad(key, raw, range);
    }
    if (number.stripTrailingZeros().scale() > 0
        || number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw bad(key, raw, range);
    }
    return OptionalInt.of(number.intValueExact());
  }

  boolean bool(ContextKey key, boolean defaultValue) {
    if (!isSet(key)) {
      return defaultValue;
    }
    Object raw = context.get(key.key());
    if (raw instanceof Boolean b) {
      return b;
    }
    return switch (raw.toString().trim().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, raw, "true or false");
    };
  }

  /** A comma-separated string ({@code -c}) or a JSON array (cdk.json); blank items are rejected. */
  List<String> list(ContextKey key, List<String> defaultValue, Pattern itemAllowed, String allowedText) {
    if (!isSet(key)) {
      return defaultValue;
    }
    Object raw = context.get(key.key());
    List<String> items = raw instanceof List<?> values
        ? values.stream().map(String::valueOf).map(String::trim).toList()
        : Arrays.stream(raw.toString().split(",", -1)).map(String::trim).toList();
    for (String item : items) {
      if (!itemAllowed.matcher(item).matches()) {
        throw new SettingsException(key.key() + "=" + raw + ": item '" + item + "' is not allowed (allowed: "
            + allowedText + ")");
      }
    }
    return items;
  }

  static SettingsException bad(ContextKey key, Object value, String allowed) {
    return new SettingsException(key.key() + "=" + value + " is not allowed (allowed: " + allowed + ")");
  }
}
