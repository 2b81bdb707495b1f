package batchlab.plan;

import batchlab.batch.InstancePrices;
import batchlab.batch.InstanceType;
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
 * ({@link InstancePrices}). Spot: per type from a file or from EC2's spot price history, else an
 * assumed discount off on-demand, which every output that shows a spot cost labels as an assumption.
 */
public final class Prices {

  /** Assumed spot price as a share of on-demand when no spot prices are given (an assumption, not an AWS figure). */
  public static final double ASSUMED_SPOT_SHARE = 0.30;

  private final Map<String, Double> spot;
  /** Where the given spot prices come from, e.g. "from --spot-prices FILE"; null when none are given. */
  private final String spotSource;

  private Prices(Map<String, Double> spot, String spotSource) {
    this.spot = Map.copyOf(spot);
    this.spotSource = spotSource;
  }

  /** List prices only; spot at the assumed share. */
  public static Prices listPrices() {
    return new Prices(Map.of(), null);
  }

  /**
   * Spot prices per type (USD per hour) from {@code source}, e.g. the average of EC2's spot price
   * history; types not in it fall back to the assumed share. An empty map is {@link #listPrices()}.
   */
  public static Prices withSpot(Map<String, Double> usdPerHour, String source) {
    Map<String, Double> spot = new HashMap<>();
    usdPerHour.forEach((type, price) -> spot.put(type.toLowerCase(Locale.ROOT), price));
    return spot.isEmpty() ? listPrices() : new Prices(spot, source);
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
    return new Prices(spot, "from --spot-prices " + file);
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

  /**
   * Whether any of {@code types} (types or families, as a compute environment lists them) bought as
   * {@code spotPurchase} is priced at the assumed share.
   */
  public boolean assumed(List<String> types, boolean spotPurchase) {
    return spotPurchase && InstanceTypeCatalog.resolve(types).stream().map(InstanceType::name)
        .anyMatch(this::spotAssumed);
  }

  /** The assumption in words, for the line that explains a {@code *} or a warning's fallback. */
  public static String assumption() {
    return "ASSUMED " + Math.round(ASSUMED_SPOT_SHARE * 100) + " % of on-demand";
  }

  /** Where the prices come from, for every output that prints a cost. */
  public String source(boolean anySpot) {
    String onDemand = "on-demand: EC2 list prices, Linux, " + InstancePrices.REGION + ", " + InstancePrices.AS_OF
        + ", per second with a " + InstancePrices.MINIMUM_BILLED_SECONDS + " s minimum";
    if (!anySpot) {
      return onDemand;
    }
    String spotText = spot.isEmpty()
        ? "spot: " + assumption() + " (no spot prices given)"
        : "spot: " + spotSource + " (" + assumption() + " for types not in it)";
    return onDemand + "; " + spotText;
  }
}
