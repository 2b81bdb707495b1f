package batchlab.plan;

import batchlab.batch.InstancePrices;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * USD per instance-hour by type and purchase option. On-demand: the catalogue's list prices
 * ({@link InstancePrices}). Spot: per type from a file, else an assumed discount off on-demand,
 * which every output that shows a spot cost labels as an assumption.
 */
public final class Prices {

  /** Assumed spot price as a share of on-demand when no spot prices are given (an assumption, not an AWS figure). */
  public static final double ASSUMED_SPOT_SHARE = 0.30;

  private final Map<String, Double> spot;

  private Prices(Map<String, Double> spot) {
    this.spot = Map.copyOf(spot);
  }

  /** List prices only; spot at the assumed share. */
  public static Prices listPrices() {
    return new Prices(Map.of());
  }

  /**
   * Spot prices from a file of {@code instanceType,usdPerHour} lines ({@code #} comments and blank
   * lines skipped); types not in it fall back to the assumed share.
   */
  public static Prices withSpotFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new BadInputException("--spot-prices " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    Map<String, Double> spot = new HashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(",");
      String where = "--spot-prices " + file + " line " + (n + 1) + " '" + line + "'";
      if (parts.length != 2 || InstanceTypeCatalog.find(parts[0].strip()).isEmpty()) {
        throw new BadInputException(where + ": expected instanceType,usdPerHour with a known type such as m7i.large,0.035");
      }
      try {
        double price = Double.parseDouble(parts[1].strip());
        if (!(price > 0) || Double.isInfinite(price)) {
          throw new NumberFormatException();
        }
        spot.put(parts[0].strip().toLowerCase(Locale.ROOT), price);
      } catch (NumberFormatException e) {
        throw new BadInputException(where + ": the price must be a positive number of USD per hour");
      }
    }
    return new Prices(spot);
  }

  /** USD per hour of one instance of {@code type}. */
  public double hourly(String type, boolean spotPurchase) {
    double onDemand = InstanceTypeCatalog.find(type).flatMap(InstancePrices::onDemandHourly)
        .orElseThrow(() -> new BadInputException("no price for instance type " + type));
    if (!spotPurchase) {
      return onDemand;
    }
    Double given = spot.get(type);
    return given != null ? given : onDemand * ASSUMED_SPOT_SHARE;
  }

  /** Whether the spot price of {@code type} is the assumed share rather than a given figure. */
  public boolean spotAssumed(String type) {
    return !spot.containsKey(type);
  }

  /** Where the prices come from, for every output that prints a cost. */
  public String source(boolean anySpot) {
    String onDemand = "on-demand: EC2 list prices, Linux, " + InstancePrices.REGION + ", " + InstancePrices.AS_OF
        + ", per second with a " + InstancePrices.MINIMUM_BILLED_SECONDS + " s minimum";
    if (!anySpot) {
      return onDemand;
    }
    String spotText = spot.isEmpty()
        ? "spot: ASSUMED " + Math.round(ASSUMED_SPOT_SHARE * 100) + " % of on-demand (no --spot-prices given)"
        : "spot: from --spot-prices (" + Math.round(ASSUMED_SPOT_SHARE * 100) + " % of on-demand ASSUMED for types not in it)";
    return onDemand + "; " + spotText;
  }
}
