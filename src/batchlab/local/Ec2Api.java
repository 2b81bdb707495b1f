package batchlab.local;

import batchlab.util.Markup;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The slice of Amazon EC2 (query protocol) the client side needs: {@code DescribeInstances}, for a
 * watcher to time an instance's boot (each instance's {@code launchTime} and state; only {@code
 * InstanceId.N} selects; terminated instances stay listed, as EC2 shows them for a while), and
 * {@code DescribeSpotPriceHistory}, for pricing spot time, with the twin's invented prices
 * ({@link SpotPriceHistory}).
 */
final class Ec2Api {

  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  /** DescribeSpotPriceHistory's MaxResults range (EC2 API Reference), and its default. */
  static final int SPOT_MAX_RESULTS_MIN = 5;
  static final int SPOT_MAX_RESULTS_MAX = 1000;

  private final Registry registry;
  private final String region;
  private final LongSupplier nowMillis;

  Ec2Api(Registry registry, String region, LongSupplier nowMillis) {
    this.registry = registry;
    this.region = region;
    this.nowMillis = nowMillis;
  }

  static boolean handles(String action) {
    return "DescribeInstances".equals(action) || "DescribeSpotPriceHistory".equals(action);
  }

  String handle(Map<String, String> form, String requestId) {
    if ("DescribeSpotPriceHistory".equals(form.get("Action"))) {
      return spotPriceHistory(form, requestId);
    }
    return instances(form, requestId);
  }

  /**
   * DescribeSpotPriceHistory: {@code InstanceType.N}, {@code ProductDescription.N} (the twin prices
   * Linux/UNIX only), {@code AvailabilityZone}, {@code StartTime} (default and earliest: 90 days
   * back), {@code EndTime} (default: now), {@code MaxResults} 5-1000 (default 1000) and {@code NextToken}.
   */
  private String spotPriceHistory(Map<String, String> form, String requestId) {
    rejectFilters(form);
    List<String> types = numbered(form, "InstanceType");
    List<String> products = numbered(form, "ProductDescription");
    Instant now = Instant.ofEpochMilli(nowMillis.getAsLong());
    Instant to = time(form, "EndTime", now);
    Instant from = time(form, "StartTime", to.minus(SpotPriceHistory.KEPT));
    if (from.isBefore(now.minus(SpotPriceHistory.KEPT))) {
      from = now.minus(SpotPriceHistory.KEPT);
    }
    if (to.isBefore(from)) {
      throw new ApiException(400, "InvalidParameterValue", "The end time must be later than the start time.");
    }
    int limit = SPOT_MAX_RESULTS_MAX;
    if (form.containsKey("MaxResults")) {
      try {
        limit = Integer.parseInt(form.get("MaxResults"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < SPOT_MAX_RESULTS_MIN || limit > SPOT_MAX_RESULTS_MAX) {
        throw new ApiException(400, "InvalidParameterValue", "Value ( " + form.get("MaxResults")
            + " ) for parameter maxResults is invalid. Parameter must be between " + SPOT_MAX_RESULTS_MIN + " and "
            + SPOT_MAX_RESULTS_MAX + ".");
      }
    }
    boolean linux = products.isEmpty() || products.stream().anyMatch(p -> p.startsWith(SpotPriceHistory.LINUX));
    List<SpotPriceHistory.Change> all = !linux ? List.of()
        : SpotPriceHistory.changes(region, SpotPriceHistory.types(types), form.get("AvailabilityZone"), from, to);
    int offset = offset(form.get("NextToken"), all.size());
    int end = Math.min(all.size(), offset + limit);
    StringBuilder xml = new StringBuilder(256 + 260 * (end - offset));
    xml.append("<DescribeSpotPriceHistoryResponse xmlns=\"").append(NAMESPACE).append("\">")
        .append(element("requestId", requestId)).append("<spotPriceHistorySet>");
    for (SpotPriceHistory.Change change : all.subList(offset, end)) {
      xml.append("<item>").append(element("instanceType", change.instanceType()))
          .append(element("productDescription", SpotPriceHistory.LINUX))
          .append(element("spotPrice", String.format(Locale.ROOT, "%.6f", change.usdPerHour())))
          .append(element("timestamp", change.timestamp().toString()))
          .append(element("availabilityZone", change.zone())).append("</item>");
    }
    xml.append("</spotPriceHistorySet>").append(element("nextToken", end < all.size() ? "o" + end : ""))
        .append("</DescribeSpotPriceHistoryResponse>");
    return xml.toString();
  }

  private static List<String> numbered(Map<String, String> form, String name) {
    List<String> values = new ArrayList<>();
    for (int n = 1; form.containsKey(name + "." + n); n++) {
      values.add(form.get(name + "." + n));
    }
    return values;
  }

  private static Instant time(Map<String, String> form, String name, Instant otherwise) {
    String text = form.get(name);
    if (text == null) {
      return otherwise;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ApiException(400, "InvalidParameterValue", "Value (" + text + ") for parameter " + name
          + " is invalid. Expected a UTC date and time such as 2026-12-01T00:00:00Z.");
    }
  }

  private static int offset(String token, int size) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      int offset = token.startsWith("o") ? Integer.parseInt(token.substring(1)) : -1;
      if (offset >= 0 && offset <= size) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(400, "InvalidParameterValue", "The nextToken '" + token + "' is not valid.");
  }

  private static void rejectFilters(Map<String, String> form) {
    if (form.keySet().stream().anyMatch(k -> k.startsWith("Filter."))) {
      throw new ApiException(400, "InvalidParameterValue", "Filter is not supported by the batch-lab emulator's "
          + "EC2 endpoint: select with the request's own parameters");
    }
  }

  private String instances(Map<String, String> form, String requestId) {
    List<String> wanted = new ArrayList<>();
    for (int n = 1; form.containsKey("InstanceId." + n); n++) {
      wanted.add(form.get("InstanceId." + n));
    }
    if (form.keySet().stream().anyMatch(k -> k.startsWith("Filter."))) {
      throw new ApiException(400, "InvalidParameterValue", "Filter is not supported by the batch-lab emulator's "
          + "EC2 endpoint: select instances with InstanceId");
    }
    List<Instance> found = new ArrayList<>();
    for (ComputeEnvironment ce : registry.environments()) {
      ce.liveInstances.values().forEach(found::add);
      found.addAll(ce.terminatedInstances);
    }
    if (!wanted.isEmpty()) {
      for (String id : wanted) {
        if (found.stream().noneMatch(i -> i.ec2InstanceId.equals(id))) {
          throw new ApiException(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
      }
      found.removeIf(i -> !wanted.contains(i.ec2InstanceId));
    }
    StringBuilder xml = new StringBuilder(256 + 400 * found.size());
    xml.append("<DescribeInstancesResponse xmlns=\"").append(NAMESPACE).append("\">")
        .append(element("requestId", requestId)).append("<reservationSet>");
    for (Instance instance : found) {
      boolean live = instance.live();
      xml.append("<item>").append(element("reservationId", "r-" + instance.ec2InstanceId.substring(2)))
          .append(element("ownerId", "000000000000")).append("<instancesSet><item>")
          .append(element("instanceId", instance.ec2InstanceId))
          .append(element("instanceType", instance.type.name()))
          .append(element("launchTime", Instant.ofEpochMilli(instance.launchedAt).toString()))
          .append("<instanceState>").append(element("code", live ? "16" : "48"))
          .append(element("name", live ? "running" : "terminated")).append("</instanceState>")
          .append(instance.spot ? element("instanceLifecycle", "spot") : "")
          .append("</item></instancesSet></item>");
    }
    xml.append("</reservationSet></DescribeInstancesResponse>");
    return xml.toString();
  }

  /** EC2's query error document (unlike CloudFormation's, it nests Errors in Response). */
  static String error(ApiException error, String requestId) {
    return "<Response><Errors><Error>" + element("Code", error.code()) + element("Message", error.getMessage())
        + "</Error></Errors>" + element("RequestID", requestId) + "</Response>";
  }

  private static String element(String name, String value) {
    return "<" + name + ">" + Markup.escape(value) + "</" + name + ">";
  }
}
