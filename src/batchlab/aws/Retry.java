package batchlab.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs idempotent AWS calls (Describe*, List*) with backoff on throttling, 5xx and timeouts, and
 * turns what cannot be retried into a one-line {@link SubmitException}.
 */
public final class Retry {

  private final Backoff backoff;
  private final StopSignal stop;
  private final String target;

  /** @param target where the calls go, for messages */
  public Retry(Backoff backoff, StopSignal stop, String target) {
    this.backoff = backoff;
    this.stop = stop;
    this.target = target;
  }

  /** @param permission the IAM action, e.g. {@code batch:DescribeJobs}, named in error messages */
  public <T> T call(String permission, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SdkException e) {
        if (!AwsFailures.isRetryable(e) || attempt >= backoff.maxAttempts() || !stop.sleep(backoff.delay(attempt - 1))) {
          throw AwsFailures.describe(permission, e, target);
        }
      }
    }
  }

  public String target() {
    return target;
  }
}
