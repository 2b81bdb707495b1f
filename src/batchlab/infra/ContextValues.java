package batchlab.infra;

import batchlab.util.BadInputException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Typed reads of CDK context values. Values arrive as strings from {@code -c key=value} and as JSON
 * numbers, booleans or arrays from cdk.json; both are accepted. A key that is not given (or blank)
 * takes its {@link ContextKey#defaultValue() default}, parsed the same way. Every failure is a
 * one-line {@link BadInputException} naming the key, the value and what is allowed.
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
        throw new BadInputException("unknown context key '" + key + "': did you mean '" + known.key()
            + "'? (known keys: " + ContextKey.allKeys() + ")");
      });
    }
  }

  String string(ContextKey key, Pattern allowed, String allowedText) {
    return optionalString(key, allowed, allowedText).orElseThrow(() -> noDefault(key));
  }

  Optional<String> optionalString(ContextKey key, Pattern allowed, String allowedText) {
    return raw(key).map(raw -> {
      String value = raw.toString().trim();
      if (!allowed.matcher(value).matches()) {
        throw bad(key, value, allowedText);
      }
      return value;
    });
  }

  int integer(ContextKey key, int min, int max) {
    OptionalInt value = optionalInteger(key, min, max);
    if (value.isEmpty()) {
      throw noDefault(key);
    }
    return value.getAsInt();
  }

  OptionalInt optionalInteger(ContextKey key, int min, int max) {
    Optional<Object> raw = raw(key);
    if (raw.isEmpty()) {
      return OptionalInt.empty();
    }
    String range = "a whole number from " + min + " to " + max;
    BigDecimal number;
    try {
      number = new BigDecimal(raw.get().toString().trim());
    } catch (NumberFormatException e) {
      throw bad(key, raw.get(), range);
    }
    if (number.stripTrailingZeros().scale() > 0
        || number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw bad(key, raw.get(), range);
    }
    return OptionalInt.of(number.intValueExact());
  }

  boolean bool(ContextKey key) {
    Object raw = raw(key).orElseThrow(() -> noDefault(key));
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
  List<String> list(ContextKey key, Pattern itemAllowed, String allowedText) {
    return optionalList(key, itemAllowed, allowedText).orElseThrow(() -> noDefault(key));
  }

  /** Like {@link #list}, empty for an optional key that is not given. */
  Optional<List<String>> optionalList(ContextKey key, Pattern itemAllowed, String allowedText) {
    Optional<Object> given = raw(key);
    if (given.isEmpty()) {
      return Optional.empty();
    }
    Object raw = given.get();
    List<String> items = raw instanceof List<?> values
        ? values.stream().map(String::valueOf).map(String::trim).toList()
        : Arrays.stream(raw.toString().split(",", -1)).map(String::trim).toList();
    for (String item : items) {
      if (!itemAllowed.matcher(item).matches()) {
        throw new BadInputException(key.key() + "=" + raw + ": item '" + item + "' is not allowed (allowed: "
            + allowedText + ")");
      }
    }
    return Optional.of(items);
  }

  /** Whether the key was given (not blank), as opposed to taking its default. */
  boolean given(ContextKey key) {
    Object given = context.get(key.key());
    return given != null && !given.toString().isBlank();
  }

  /** The value as given, for error messages (a JSON array is shown comma-separated). */
  String spelled(ContextKey key) {
    Object raw = raw(key).orElse("");
    return raw instanceof List<?> values
        ? String.join(",", values.stream().map(String::valueOf).toList())
        : raw.toString().trim();
  }

  static BadInputException bad(ContextKey key, Object value, String allowed) {
    return new BadInputException(key.key() + "=" + value + " is not allowed (allowed: " + allowed + ")");
  }

  /** The given value, else the key's default; empty for an optional key that is not given. */
  private Optional<Object> raw(ContextKey key) {
    Object given = context.get(key.key());
    if (given != null && !given.toString().isBlank()) {
      return Optional.of(given);
    }
    return key.defaultValue().map(Object.class::cast);
  }

  // A programming error, not a user error: every non-optional key has a default.
  private static IllegalStateException noDefault(ContextKey key) {
    return new IllegalStateException("context key " + key.key() + " has no default");
  }
}
