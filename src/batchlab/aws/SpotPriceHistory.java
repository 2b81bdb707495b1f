package batchlab.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * The recent spot price of instance types from EC2 DescribeSpotPriceHistory (Linux/UNIX), all pages.
 * The rule: over {@link #WINDOW} up to now, per type and Availability Zone the time-weighted mean of
 * the price (each record's price holds from its timestamp, or the window's start for the record in
 * effect then, until the next record of that zone, or the window's end), then per type the plain mean
 * over the zones that have a price (each zone counts once, since Batch may launch in any of the
 * compute environment's subnets). EC2 returns, with the changes inside the window, the last change
 * before its start, "the effective price as of the start time" (EC2 API Reference,
 * DescribeSpotPriceHistory).
 */
public final class SpotPriceHistory {

  /** How far back the average looks: a week covers the daily ups and downs of a pool. */
  public static final Duration WINDOW = Duration.ofDays(7);
  /** The product description of the Linux instances Batch launches. */
  public static final String PRODUCT = "Linux/UNIX";
  /** The IAM action of the call, for warnings. */
  public static final String PERMISSION = "ec2:DescribeSpotPriceHistory";

  private SpotPriceHistory() {}

  /**
   * The averages per type.
   *
   * @param usdPerHour per instance type, the mean over its zones; types without any record are absent
   * @param zones per instance type, how many Availability Zones the mean is over
   * @param from the window's start; {@code to} its end
   */
  public record Averages(String region, Instant from, Instant to, Map<String, Double> usdPerHour,
      Map<String, Integer> zones) {

    public Averages {
      usdPerHour = Map.copyOf(usdPerHour);
      zones = Map.copyOf(zones);
    }

    /** Where the prices come from, for every output that shows them. */
    public String description() {
      int most = zones.values().stream().max(Integer::compare).orElse(0);
      return "EC2 spot price history, " + PRODUCT + ", " + region + ", time-weighted average of the "
          + WINDOW.toDays() + " days to " + to.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
          + ", mean over up to " + most + (most == 1 ? " Availability Zone" : " Availability Zones");
    }
  }

  /**
   * Reads every page of the history of {@code types} for the window ending at {@code now}.
   *
   * @throws software.amazon.awssdk.core.exception.SdkException when a call fails (e.g.
   *     UnauthorizedOperation without {@value #PERMISSION})
   */
  public static Averages fetch(Ec2Client ec2, String region, Collection<String> types, Instant now) {
    Instant from = now.minus(WINDOW);
    List<SpotPrice> records = new ArrayList<>();
    ec2.describeSpotPriceHistoryPaginator(r -> r.instanceTypesWithStrings(types).productDescriptions(PRODUCT)
        .startTime(from).endTime(now)).spotPriceHistory().forEach(records::add);
    return average(region, records, from, now);
  }

  /** The rule above, on records in any order. */
  static Averages average(String region, List<SpotPrice> records, Instant from, Instant to) {
    Map<String, Map<String, List<SpotPrice>>> byTypeAndZone = new TreeMap<>();
    for (SpotPrice record : records) {
      byTypeAndZone.computeIfAbsent(record.instanceTypeAsString().toLowerCase(Locale.ROOT), t -> new TreeMap<>())
          .computeIfAbsent(record.availabilityZone(), z -> new ArrayList<>()).add(record);
    }
    Map<String, Double> prices = new HashMap<>();
    Map<String, Integer> zones = new HashMap<>();
    byTypeAndZone.forEach((type, perZone) -> {
      double sum = 0;
      int counted = 0;
      for (List<SpotPrice> zoneRecords : perZone.values()) {
        double mean = timeWeighted(zoneRecords, from, to);
        if (!Double.isNaN(mean)) {
          sum += mean;
          counted++;
        }
      }
      if (counted > 0) {
        prices.put(type, sum / counted);
        zones.put(type, counted);
      }
    });
    return new Averages(region, from, to, prices, zones);
  }

  /** One zone's time-weighted mean over [from, to]; NaN when no price covers any of it. */
  static double timeWeighted(List<SpotPrice> zoneRecords, Instant from, Instant to) {
    List<SpotPrice> sorted = zoneRecords.stream().sorted(Comparator.comparing(SpotPrice::timestamp)).toList();
    double weighted = 0;
    long covered = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Instant start = max(sorted.get(i).timestamp(), from);
      Instant end = i + 1 < sorted.size() ? min(sorted.get(i + 1).timestamp(), to) : to;
      long millis = Duration.between(start, end).toMillis();
      if (millis > 0) {
        weighted += Double.parseDouble(sorted.get(i).spotPrice()) * millis;
        covered += millis;
      }
    }
    return covered == 0 ? Double.NaN : weighted / covered;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
