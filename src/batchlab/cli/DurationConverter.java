package batchlab.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses durations as people type them: 500ms, 5s, 2m, 1h, 1m30s; a bare number means seconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    String text = value == null ? "" : value.trim().toLowerCase();
    if (text.matches("\\d+(\\.\\d+)?")) {
      text = text + "s";
    }
    if (!WHOLE.matcher(text).matches()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use e.g. 500ms, 5s, 2m, 1h or 1m30s");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      BigDecimal amount = new BigDecimal(part.group(1));
      long millisPerUnit = switch (part.group(2)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m" -> 60_000;
        default -> 3_600_000;
      };
      total = total.plusMillis(amount.multiply(BigDecimal.valueOf(millisPerUnit)).longValue());
    }
    return total;
  }
}
