package batchlab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.util.BadInputException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsClientsTest {

  private static final AwsCredentialsProvider NO_CREDENTIALS = () -> {
    throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
  };

  private static AwsClients connect(ConnectionSettings settings, Map<String, String> env) {
    return AwsClients.connect(settings, env, () -> NO_CREDENTIALS);
  }

  @Test
  void explicitEndpointAndRegionWinOverTheEnvironment() {
    try (AwsClients clients = connect(new ConnectionSettings("eu-west-1", null, URI.create("http://127.0.0.1:4566")),
        Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:9999"))) {
      assertThat(clients.region()).isEqualTo("eu-west-1");
      assertThat(clients.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
      assertThat(clients.loopback()).isTrue();
    }
  }

  @Test
  void serviceSpecificEndpointVariableWinsOverTheGeneralOne() {
    try (AwsClients clients = connect(ConnectionSettings.defaults(), Map.of("AWS_DEFAULT_REGION", "us-west-2",
        "AWS_ENDPOINT_URL", "http://127.0.0.1:9999", "AWS_ENDPOINT_URL_BATCH", "http://localhost:4566"))) {
      assertThat(clients.endpoint()).contains(URI.create("http://localhost:4566"));
      assertThat(clients.region()).isEqualTo("us-west-2");
    }
  }

  @Test
  void endpointVariablesAreIgnoredWhenAskedTo() {
    try (AwsClients clients = AwsClients.connect(ConnectionSettings.defaults(), Map.of("AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL", "http://127.0.0.1:9999", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        () -> () -> AwsClients.LOCAL_CREDENTIALS)) {
      assertThat(clients.endpoint()).isEmpty();
      assertThat(clients.describeTarget()).isEqualTo("AWS region us-east-1");
    }
  }

  @Test
  void rejectsAnEndpointThatIsNotAnHttpUrl() {
    assertThatThrownBy(() -> connect(ConnectionSettings.defaults(),
        Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "localhost:4566")))
        .isInstanceOf(BadInputException.class)
        .hasMessage("AWS_ENDPOINT_URL 'localhost:4566' is not an endpoint URL: use http(s)://host[:port]");
  }

  @Test
  void rejectsAMalformedRegion() {
    assertThatThrownBy(() -> connect(new ConnectionSettings("useast1", null, URI.create("http://127.0.0.1:1")),
        Map.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--region 'useast1' is not a region name like us-east-1");
  }

  @Test
  void missingCredentialsAgainstAwsFailWithOneLineAdvice() {
    assertThatThrownBy(() -> connect(new ConnectionSettings("us-east-1", null, null), Map.of()))
        .isInstanceOf(SubmitException.class)
        .hasMessage("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run aws configure "
            + "(or aws sso login), or pass --profile");
  }

  @Test
  void loopbackEndpointsGetDummyCredentialsWhenNoneAreConfigured() {
    try (AwsClients clients = connect(new ConnectionSettings("us-east-1", null, URI.create("http://127.0.0.1:1")),
        Map.of())) {
      assertThat(clients.loopback()).isTrue();
    }
  }

  @Test
  void onlyLoopbackAddressesCountAsLoopback() {
    assertThat(AwsClients.isLoopback(URI.create("http://127.0.0.1:80"))).isTrue();
    assertThat(AwsClients.isLoopback(URI.create("http://127.8.9.1"))).isTrue();
    assertThat(AwsClients.isLoopback(URI.create("http://[::1]:4566"))).isTrue();
    assertThat(AwsClients.isLoopback(URI.create("http://localhost:4566"))).isTrue();
    assertThat(AwsClients.isLoopback(URI.create("https://batch.us-east-1.amazonaws.com"))).isFalse();
    assertThat(AwsClients.isLoopback(URI.create("http://10.0.0.5:4566"))).isFalse();
    assertThat(AwsClients.isLoopback(null)).isFalse();
  }

  @Test
  void theSdkNeverRetriesOnItsOwnSoSubmitJobIsSentOnlyWhenTheFanOutSaysSo() {
    try (AwsClients clients = AwsClients.forEndpoint(URI.create("http://127.0.0.1:1"), "us-east-1")) {
      assertThat(clients.batch().serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .hasValueSatisfying(strategy -> assertThat(strategy.maxAttempts()).isEqualTo(1));
    }
  }

  @Test
  void clientsAreBuiltOnFirstUseOnly() {
    try (AwsClients clients = AwsClients.forEndpoint(URI.create("http://127.0.0.1:1"), "us-east-1")) {
      assertThat(clients.built()).isEmpty();
      clients.ecs();
      clients.ec2();
      assertThat(clients.built()).containsExactly("ec2", "ecs");
      assertThat(clients.batch()).isSameAs(clients.batch());
      assertThat(clients.built()).containsExactly("batch", "ec2", "ecs");
    }
  }

  @Test
  void tlsIsSetUpOnlyWhenSomeEndpointMayBeHttps() {
    URI http = URI.create("http://127.0.0.1:4566");
    assertThat(AwsClients.tlsNeeded(http, http, http, http)).isFalse();
    assertThat(AwsClients.tlsNeeded(http, URI.create("https://localhost:4566"), http, http)).isTrue();
    assertThat(AwsClients.tlsNeeded(http, http, null, http)).as("AWS's own endpoint").isTrue();
  }
}
