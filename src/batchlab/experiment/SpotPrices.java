package batchlab.experiment;

import batchlab.aws.AwsFailures;
import batchlab.aws.SpotPriceHistory;
import batchlab.plan.Prices;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The prices the cost model uses when an EC2 endpoint is at hand ({@code plan --region}, the aws
 * target): spot from the recent spot price history ({@link SpotPriceHistory}), else, when the call
 * fails (no permission, no credentials, no network), one warning and the assumed share, labelled.
 */
public final class SpotPrices {

  private SpotPrices() {}

  /**
   * @param target where the call goes, for the warning ("AWS region eu-west-1", an endpoint)
   * @param warn receives the one-line warning when the history could not be read
   */
  public static Prices lookup(Ec2Client ec2, String region, Collection<String> types, Instant now, String target,
      Consumer<String> warn) {
    try {
      SpotPriceHistory.Averages averages = SpotPriceHistory.fetch(ec2, region, types, now);
      if (averages.usdPerHour().isEmpty()) {
        warn.accept("no spot price history for " + String.join(",", types) + " in " + region + ": spot costs use the "
            + Prices.assumption());
      }
      return Prices.withSpot(averages.usdPerHour(), averages.description());
    } catch (SdkException e) {
      warn.accept("spot prices not read (" + AwsFailures.describe(SpotPriceHistory.PERMISSION, e, target).getMessage()
          + "): spot costs use the " + Prices.assumption());
      return Prices.listPrices();
    }
  }
}
