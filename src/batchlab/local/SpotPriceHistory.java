package batchlab.local;

import batchlab.batch.InstancePrices;
import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The twin's spot price history: the twin's invention, not AWS figures, deterministic so that
 * DescribeSpotPriceHistory can be tested without AWS. Each Region has three zones, {@code <region>a},
 * {@code b} and {@code c}; in zone k (0, 1, 2) a type's spot price is its On-Demand list price
 * ({@link InstancePrices}) x (0.30 + 0.02 k), 10 % below that for the 6 hours from every 00:00 and
 * 12:00 UTC and 10 % above it for the 6 hours from 06:00 and 18:00. Over any window of whole
 * 12-hour periods (a 7-day window is 14) the time-weighted mean of zone k is exactly On-Demand x
 * (0.30 + 0.02 k), and the mean over the three zones On-Demand x 0.32.
 */
final class SpotPriceHistory {

  static final List<String> ZONE_SUFFIXES = List.of("a", "b", "c");
  static final Duration STEP = Duration.ofHours(6);
  /** EC2 keeps 90 days of history. */
  static final Duration KEPT = Duration.ofDays(90);
  static final String LINUX = "Linux/UNIX";

  /** One price change. */
  record Change(String instanceType, String zone, Instant timestamp, double usdPerHour) {}

  private SpotPriceHistory() {}

  static double share(int zone) {
    return 0.30 + 0.02 * zone;
  }

  /**
   * Every change of {@code types} in the zones of {@code region} (or {@code onlyZone}) with a
   * timestamp in [from, to], plus the last one before {@code from} (the price in effect at the
   * start, as EC2 returns it); newest first, as EC2 lists them.
   */
  static List<Change> changes(String region, List<InstanceType> types, String onlyZone, Instant from, Instant to) {
    List<Change> changes = new ArrayList<>();
    long step = STEP.toMillis();
    long first = Math.floorDiv(from.toEpochMilli(), step);
    long last = Math.floorDiv(to.toEpochMilli(), step);
    for (InstanceType type : types) {
      Double onDemand = InstancePrices.onDemandHourly(type).orElse(null);
      if (onDemand == null) {
        continue;
      }
      for (int z = 0; z < ZONE_SUFFIXES.size(); z++) {
        String zone = region + ZONE_SUFFIXES.get(z);
        if (onlyZone != null && !onlyZone.equals(zone)) {
          continue;
        }
        for (long k = first; k <= last; k++) {
          double swing = Math.floorMod(k, 2) == 0 ? 0.9 : 1.1;
          changes.add(new Change(type.name(), zone, Instant.ofEpochMilli(k * step), onDemand * share(z) * swing));
        }
      }
    }
    changes.sort(Comparator.comparing(Change::timestamp).reversed().thenComparing(Change::instanceType)
        .thenComparing(Change::zone));
    return changes;
  }

  /** The catalogue's types for the request's names; an unknown name is EC2's InvalidParameterValue. */
  static List<InstanceType> types(List<String> names) {
    if (names.isEmpty()) {
      return InstanceTypeCatalog.all();
    }
    List<InstanceType> types = new ArrayList<>();
    for (String name : names) {
      types.add(InstanceTypeCatalog.find(name).orElseThrow(() -> new ApiException(400, "InvalidParameterValue",
              "Value (" + name + ") for parameter instanceType is invalid.")));
    }
    return types;
  }
}
