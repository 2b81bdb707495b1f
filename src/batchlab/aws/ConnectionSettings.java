package batchlab.aws;

import java.net.URI;

/**
 * Where to connect, as the user gave it; each part may be null (then the environment and the
 * AWS config files decide, as for the aws CLI).
 *
 * @param region e.g. us-east-1
 * @param profile a profile of ~/.aws/config and ~/.aws/credentials
 * @param endpoint one endpoint for Batch, ECS and CloudFormation (the local emulator serves all three)
 */
public record ConnectionSettings(String region, String profile, URI endpoint) {

  public static ConnectionSettings defaults() {
    return new ConnectionSettings(null, null, null);
  }

  /** These settings with blanks filled from {@code fallback} (used to reconnect to a recorded run). */
  public ConnectionSettings orElse(ConnectionSettings fallback) {
    return new ConnectionSettings(
        region != null ? region : fallback.region(),
        profile != null ? profile : fallback.profile(),
        endpoint != null ? endpoint : fallback.endpoint());
  }
}
