package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.aws.AwsClients;
import batchlab.local.BatchEmulator;
import batchlab.local.Speed;
import batchlab.plan.Prices;
import batchlab.submit.AwsProxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prices an EC2 endpoint gives the cost model, through the AWS SDK against the emulator: the spot
 * price history's averages when it can be read; one warning and the labelled assumption when the
 * caller may not read it.
 */
class SpotPricesTest {

  static final Instant NOW = Instant.parse("2026-12-01T03:20:00Z");

  @Test
  void spotPricesComeFromTheHistoryWhenItCanBeRead() {
    List<String> warnings = new ArrayList<>();
    try (BatchEmulator twin = BatchEmulator.builder().speed(Speed.MANUAL).startTime(NOW).build().start();
        AwsClients clients = AwsClients.forEndpoint(twin.endpoint(), "us-east-1")) {
      Prices prices = SpotPrices.lookup(clients.ec2(), "us-east-1", List.of("m7i.large"), NOW, "the emulator",
          warnings::add);

      assertThat(warnings).isEmpty();
      assertThat(prices.hourly("m7i.large", true)).isCloseTo(0.032256, within(1e-6));
      assertThat(prices.spotAssumed("m7i.large")).isFalse();
      assertThat(prices.spotAssumed("c7i.large")).isTrue();
      assertThat(prices.source(true)).contains("spot: EC2 spot price history, Linux/UNIX, us-east-1, time-weighted "
          + "average of the 7 days to 2026-12-01T03:20:00Z, mean over up to 3 Availability Zones (ASSUMED 30 % of "
          + "on-demand for types not in it)");
    }
  }

  @Test
  void withoutThePermissionItIsOneWarningAndTheLabelledAssumption() throws Exception {
    List<String> warnings = new ArrayList<>();
    try (BatchEmulator twin = BatchEmulator.builder().speed(Speed.MANUAL).startTime(NOW).build().start();
        AwsProxy proxy = new AwsProxy(twin.endpoint(), (call, forwarded) ->
            List.of(call.split("&")).contains("Action=DescribeSpotPriceHistory")
                ? new AwsProxy.Answer(403, "text/xml", null, "<Response><Errors><Error><Code>UnauthorizedOperation"
                    + "</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors>"
                    + "<RequestID>p</RequestID></Response>", false)
                : null);
        AwsClients clients = AwsClients.forEndpoint(proxy.endpoint(), "us-east-1")) {
      Prices prices = SpotPrices.lookup(clients.ec2(), "us-east-1", List.of("m7i.large"), NOW, "AWS region us-east-1",
          warnings::add);

      assertThat(warnings).containsExactly("spot prices not read (access denied: the caller may not use "
          + "ec2:DescribeSpotPriceHistory (grant ec2:DescribeSpotPriceHistory in its IAM policy): You are not authorized "
          + "to perform this operation.): spot costs use the ASSUMED 30 % of on-demand");
      assertThat(prices.hourly("m7i.large", true)).isCloseTo(0.1008 * Prices.ASSUMED_SPOT_SHARE, within(1e-12));
      assertThat(prices.spotAssumed("m7i.large")).isTrue();
      assertThat(prices.source(true)).contains("spot: ASSUMED 30 % of on-demand");
    }
  }
}
