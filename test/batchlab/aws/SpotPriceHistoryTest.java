package batchlab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.local.BatchEmulator;
import batchlab.local.Speed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * DescribeSpotPriceHistory through the AWS SDK against the emulator's EC2 API (its invented prices:
 * zone a, b, c at 30, 32, 34 % of on-demand, 10 % below and above that in alternate 6-hour steps),
 * and the averaging rule on hand-made records.
 */
class SpotPriceHistoryTest {

  /** Not on a 6-hour step, so the window's first record is the one in effect before it. */
  static final Instant NOW = Instant.parse("2026-12-01T03:20:00Z");

  private static BatchEmulator emulator() {
    return BatchEmulator.builder().speed(Speed.MANUAL).startTime(NOW).build().start();
  }

  @Test
  void averagesTheLastSevenDaysOverEveryZoneThroughTheSdk() {
    try (BatchEmulator twin = emulator(); AwsClients clients = AwsClients.forEndpoint(twin.endpoint(), "us-east-1")) {
      SpotPriceHistory.Averages averages = SpotPriceHistory.fetch(clients.ec2(), "us-east-1",
          List.of("m7i.large", "c7i.xlarge"), NOW);

      // m7i.large on-demand 0.1008 x mean(0.30, 0.32, 0.34); c7i.xlarge 0.1785 x 0.32
      assertThat(averages.usdPerHour().get("m7i.large")).isCloseTo(0.032256, within(1e-6));
      assertThat(averages.usdPerHour().get("c7i.xlarge")).isCloseTo(0.05712, within(1e-6));
      assertThat(averages.zones()).containsEntry("m7i.large", 3).containsEntry("c7i.xlarge", 3);
      assertThat(averages.from()).isEqualTo(NOW.minus(Duration.ofDays(7)));
      assertThat(averages.description()).isEqualTo("EC2 spot price history, Linux/UNIX, us-east-1, time-weighted "
          + "average of the 7 days to 2026-12-01T03:20:00Z, mean over up to 3 Availability Zones");
    }
  }

  @Test
  void readsEveryPageAndGetsTheSameAverage() {
    try (BatchEmulator twin = emulator(); AwsClients clients = AwsClients.forEndpoint(twin.endpoint(), "us-east-1")) {
      DescribeSpotPriceHistoryResponse firstPage = clients.ec2().describeSpotPriceHistory(r -> r
          .instanceTypesWithStrings("m7i.large").productDescriptions("Linux/UNIX").maxResults(5)
          .startTime(NOW.minus(Duration.ofDays(7))).endTime(NOW));
      List<SpotPrice> all = clients.ec2().describeSpotPriceHistoryPaginator(r -> r
          .instanceTypesWithStrings("m7i.large").productDescriptions("Linux/UNIX").maxResults(5)
          .startTime(NOW.minus(Duration.ofDays(7))).endTime(NOW)).spotPriceHistory().stream().toList();

      assertThat(firstPage.spotPriceHistory()).hasSize(5);
      assertThat(firstPage.nextToken()).isNotEmpty();
      // 28 six-hour steps inside the 7 days plus the one in effect at the start, per zone
      assertThat(all).hasSize(3 * 29);
      assertThat(all).extracting(SpotPrice::availabilityZone).containsOnly("us-east-1a", "us-east-1b", "us-east-1c");
      assertThat(SpotPriceHistory.average("us-east-1", all, NOW.minus(Duration.ofDays(7)), NOW).usdPerHour()
          .get("m7i.large")).isCloseTo(0.032256, within(1e-6));
    }
  }

  @Test
  void eachZoneIsTimeWeightedOverTheWindowAndTheZonesCountEqually() {
    Instant from = Instant.parse("2026-11-24T00:00:00Z");
    Instant to = from.plus(Duration.ofDays(7));
    List<SpotPrice> records = List.of(
        // zone a: 0.10 in effect at the start (set a day before), 0.40 for the last day, a change after the end
        price("us-east-1a", from.minus(Duration.ofDays(1)), "0.10"),
        price("us-east-1a", to.minus(Duration.ofDays(1)), "0.40"),
        price("us-east-1a", to.plus(Duration.ofHours(1)), "9.99"),
        // zone b: one price all week, from a single record long before the window
        price("us-east-1b", from.minus(Duration.ofDays(30)), "0.20"));

    SpotPriceHistory.Averages averages = SpotPriceHistory.average("us-east-1", records, from, to);

    // zone a: (6 days x 0.10 + 1 day x 0.40) / 7 = 1.0 / 7; zone b: 0.20; mean of the two zones
    assertThat(averages.usdPerHour().get("m7i.large")).isCloseTo((1.0 / 7 + 0.20) / 2, within(1e-12));
    assertThat(averages.zones()).containsEntry("m7i.large", 2);
  }

  @Test
  void aZoneWhosePricesAllStartAfterTheWindowIsLeftOut() {
    Instant from = Instant.parse("2026-11-24T00:00:00Z");
    Instant to = from.plus(Duration.ofDays(7));
    List<SpotPrice> records = List.of(price("us-east-1a", from, "0.10"),
        price("us-east-1c", to.plus(Duration.ofMinutes(1)), "5.00"));

    SpotPriceHistory.Averages averages = SpotPriceHistory.average("us-east-1", records, from, to);

    assertThat(averages.usdPerHour()).containsEntry("m7i.large", 0.10);
    assertThat(averages.zones()).containsEntry("m7i.large", 1);
  }

  private static SpotPrice price(String zone, Instant at, String usd) {
    return SpotPrice.builder().availabilityZone(zone).instanceType("m7i.large").productDescription("Linux/UNIX")
        .timestamp(at).spotPrice(usd).build();
  }
}
