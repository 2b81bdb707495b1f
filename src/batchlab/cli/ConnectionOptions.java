package batchlab.cli;

import batchlab.aws.ConnectionSettings;
import java.net.URI;
import picocli.CommandLine.Option;

/** --region, --profile, --endpoint-url: where the AWS (or emulator) calls go. */
public final class ConnectionOptions {

  @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION or the profile's).")
  String region;

  @Option(names = "--profile", paramLabel = "PROFILE", description = "Profile of ~/.aws/config and ~/.aws/credentials.")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "One endpoint for Batch, ECS and CloudFormation, e.g. the local emulator's "
          + "(default: AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL, else AWS).")
  URI endpoint;

  ConnectionSettings settings() {
    return new ConnectionSettings(region, profile, endpoint);
  }
}
