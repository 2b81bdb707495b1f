package batchlab.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The retention periods CloudWatch Logs accepts, in days, and CDK's name for each. */
final class LogRetention {

  private static final Map<Integer, RetentionDays> BY_DAYS = byDays();

  private LogRetention() {}

  static boolean isAllowed(int days) {
    return BY_DAYS.containsKey(days);
  }

  static RetentionDays of(int days) {
    RetentionDays retention = BY_DAYS.get(days);
    if (retention == null) {
      throw new IllegalArgumentException("log retention of " + days + " days is not one of " + allowedText());
    }
    return retention;
  }

  static int maxDays() {
    return Collections.max(BY_DAYS.keySet());
  }

  static String allowedText() {
    return BY_DAYS.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static Map<Integer, RetentionDays> byDays() {
    Map<Integer, RetentionDays> map = new LinkedHashMap<>();
    map.put(1, RetentionDays.ONE_DAY);
    map.put(3, RetentionDays.THREE_DAYS);
    map.put(5, RetentionDays.FIVE_DAYS);
    map.put(7, RetentionDays.ONE_WEEK);
    map.put(14, RetentionDays.TWO_WEEKS);
    map.put(30, RetentionDays.ONE_MONTH);
    map.put(60, RetentionDays.TWO_MONTHS);
    map.put(90, RetentionDays.THREE_MONTHS);
    map.put(120, RetentionDays.FOUR_MONTHS);
    map.put(150, RetentionDays.FIVE_MONTHS);
    map.put(180, RetentionDays.SIX_MONTHS);
    map.put(365, RetentionDays.ONE_YEAR);
    map.put(400, RetentionDays.THIRTEEN_MONTHS);
    map.put(545, RetentionDays.EIGHTEEN_MONTHS);
    map.put(731, RetentionDays.TWO_YEARS);
    map.put(1096, RetentionDays.THREE_YEARS);
    map.put(1827, RetentionDays.FIVE_YEARS);
    map.put(2192, RetentionDays.SIX_YEARS);
    map.put(2557, RetentionDays.SEVEN_YEARS);
    map.put(2922, RetentionDays.EIGHT_YEARS);
    map.put(3288, RetentionDays.NINE_YEARS);
    map.put(3653, RetentionDays.TEN_YEARS);
    return Collections.unmodifiableMap(map);
  }
}
