package batchlab.infra;

import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Environment;

/** The deployment account/region the CDK CLI resolved from the caller's AWS credentials, if any. */
final class Environments {

  private Environments() {}

  static Optional<Environment> fromCdkCli() {
    return from(System.getenv());
  }

  static Optional<Environment> from(Map<String, String> variables) {
    String account = variables.get("CDK_DEFAULT_ACCOUNT");
    String region = variables.get("CDK_DEFAULT_REGION");
    if (account == null || account.isBlank() || region == null || region.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Environment.builder().account(account).region(region).build());
  }
}
