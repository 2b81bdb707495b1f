package batchlab.aws;

import batchlab.batch.AwsNames;
import batchlab.util.BadInputException;
import batchlab.util.Text;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The SDK clients the submitter and watcher use (Batch, ECS, CloudFormation, and EC2 for instance
 * launch times), built the same
 * way for AWS and for the local emulator, sharing one HTTP connection pool.
 *
 * <p>Settings resolve like the aws CLI: {@code --endpoint-url}, else {@code AWS_ENDPOINT_URL_<SERVICE>}
 * or {@code AWS_ENDPOINT_URL} (unless {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}); {@code
 * --region}, else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} or the profile's region; the SDK's
 * default credentials chain (or {@code --profile}). Against a loopback endpoint (the emulator),
 * which checks no signature, dummy credentials stand in when none are configured.
 *
 * <p>The SDK's own retries are off: {@link Retry} retries idempotent calls and the fan-out handles
 * SubmitJob itself, because a blind SDK retry of SubmitJob can create a job twice.
 *
 * <p>Long on purpose: the endpoint, region and credentials lookups follow the aws CLI's order and
 * share one decision (loopback or not), so they stay next to the clients they configure.
 */
public final class AwsClients implements AutoCloseable {

  /** Credentials sent to a loopback endpoint when none are configured; the emulator does not check them. */
  static final AwsBasicCredentials LOCAL_CREDENTIALS = AwsBasicCredentials.create("batch-lab-local", "batch-lab-local");

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  // Each built on first use: a submit needs Batch and CloudFormation only, and building a client loads
  // its service's classes (EC2's alone are about 860).
  private final Lazy<BatchClient> batch;
  private final Lazy<EcsClient> ecs;
  private final Lazy<CloudFormationClient> cloudFormation;
  private final Lazy<Ec2Client> ec2;
  private final String region;
  private final URI endpoint;
  private final ApiCallCounter calls = new ApiCallCounter();

  private AwsClients(String region, URI batchEndpoint, URI ecsEndpoint, URI cfnEndpoint, URI ec2Endpoint,
      AwsCredentialsProvider credentials) {
    ProfileFiles.checkDefault(); // every client reads them; a broken one gets a line naming it
    this.region = region;
    this.endpoint = batchEndpoint;
    this.credentials = credentials;
    ApacheHttpClient.Builder http = ApacheHttpClient.builder()
        .maxConnections(64)
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30));
    if (!tlsNeeded(batchEndpoint, ecsEndpoint, cfnEndpoint, ec2Endpoint)) {
      // Setting up TLS (the JDK's trust store, its security providers) is a good part of a short
      // command's start-up; with every endpoint plain http (the emulator) no connection uses it.
      http.socketFactory(NoTls.INSTANCE);
    }
    this.http = http.build();
    this.batch = new Lazy<>(() -> configure(BatchClient.builder(), batchEndpoint).build());
    this.ecs = new Lazy<>(() -> configure(EcsClient.builder(), ecsEndpoint).build());
    this.cloudFormation = new Lazy<>(() -> configure(CloudFormationClient.builder(), cfnEndpoint).build());
    this.ec2 = new Lazy<>(() -> configure(Ec2Client.builder(), ec2Endpoint).build());
  }

  /** Whether any client may connect with TLS: an https endpoint, or AWS's own (null: no override). */
  static boolean tlsNeeded(URI... endpoints) {
    for (URI endpoint : endpoints) {
      if (endpoint == null || !"http".equalsIgnoreCase(endpoint.getScheme())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Connects as the CLI does.
   *
   * @param env the process environment ({@code System.getenv()}), a parameter so tests can vary it
   * @throws BadInputException for a malformed region or endpoint, or no region at all
   * @throws SubmitException when no credentials can be found
   */
  public static AwsClients connect(ConnectionSettings settings, Map<String, String> env) {
    return connect(settings, env, () -> DefaultCredentialsProvider.builder()
        .profileName(settings.profile()).build());
  }

  static AwsClients connect(ConnectionSettings settings, Map<String, String> env,
      Supplier<AwsCredentialsProvider> defaultChain) {
    boolean ignoreEnv = "true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
    URI batchEndpoint = endpointFor("BATCH", settings.endpoint(), env, ignoreEnv);
    URI ecsEndpoint = endpointFor("ECS", settings.endpoint(), env, ignoreEnv);
    URI cfnEndpoint = endpointFor("CLOUDFORMATION", settings.endpoint(), env, ignoreEnv);
    URI ec2Endpoint = endpointFor("EC2", settings.endpoint(), env, ignoreEnv);
    String region = resolveRegion(settings, env);
    AwsCredentialsProvider credentials = resolveCredentials(settings.profile(), isLoopback(batchEndpoint), defaultChain);
    return new AwsClients(region, batchEndpoint, ecsEndpoint, cfnEndpoint, ec2Endpoint, credentials);
  }

  /** Whether an endpoint is configured in the environment ({@code AWS_ENDPOINT_URL[_<SERVICE>]}), as {@link #connect} reads it. */
  public static boolean endpointConfigured(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
      return false;
    }
    return env.entrySet().stream()
        .anyMatch(e -> e.getKey().startsWith("AWS_ENDPOINT_URL") && notBlank(e.getValue()));
  }

  /**
   * Whether the SDK's default credentials chain finds credentials (environment, profile files, SSO, ...).
   *
   * @throws BadInputException when the config or credentials file cannot be parsed
   */
  public static boolean credentialsAvailable() {
    ProfileFiles.checkDefault();
    try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
      chain.resolveCredentials();
      return true;
    } catch (SdkException | IllegalStateException e) {
      return false;
    }
  }

  /** Clients for a local endpoint such as the emulator's: the given region, dummy credentials. */
  public static AwsClients forEndpoint(URI endpoint, String region) {
    URI checked = checkEndpoint(endpoint.toString(), "endpoint");
    return new AwsClients(region, checked, checked, checked, checked, StaticCredentialsProvider.create(LOCAL_CREDENTIALS));
  }

  public BatchClient batch() {
    return batch.get();
  }

  public EcsClient ecs() {
    return ecs.get();
  }

  public CloudFormationClient cloudFormation() {
    return cloudFormation.get();
  }

  public Ec2Client ec2() {
    return ec2.get();
  }

  /** The services whose client has been built so far (by their first use), e.g. [batch, cloudformation]. */
  public List<String> built() {
    List<String> built = new ArrayList<>();
    Map.of("batch", batch, "ecs", ecs, "cloudformation", cloudFormation, "ec2", ec2)
        .forEach((service, client) -> {
          if (client.built()) {
            built.add(service);
          }
        });
    built.sort(null);
    return built;
  }

  public String region() {
    return region;
  }

  /** The Batch endpoint override; empty for AWS's own endpoint. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /** Whether Batch is reached over loopback (the local emulator), where no quota applies. */
  public boolean loopback() {
    return isLoopback(endpoint);
  }

  /** Where requests go, for messages: the override, or the AWS region. */
  public String describeTarget() {
    return endpoint != null ? endpoint.toString() : "AWS region " + region;
  }

  /** HTTP requests sent so far, per operation. */
  public ApiCallCounter calls() {
    return calls;
  }

  @Override
  public void close() {
    batch.close();
    ecs.close();
    cloudFormation.close();
    ec2.close();
    http.close();
  }

  private <B extends AwsSyncClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>>
      B configure(B builder, URI endpointOverride) {
    builder.httpClient(http)
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(Duration.ofSeconds(20))
            .addExecutionInterceptor(calls)
            .build());
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    return builder;
  }

  static boolean isLoopback(URI endpoint) {
    if (endpoint == null || endpoint.getHost() == null) {
      return false;
    }
    String host = endpoint.getHost();
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: a name would need a DNS lookup, and names are not loopback here anyway.
    if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
      return false;
    }
    try {
      return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static URI endpointFor(String service, URI explicit, Map<String, String> env, boolean ignoreEnv) {
    if (explicit != null) {
      return checkEndpoint(explicit.toString(), "--endpoint-url");
    }
    if (ignoreEnv) {
      return null;
    }
    String serviceVariable = "AWS_ENDPOINT_URL_" + service;
    if (notBlank(env.get(serviceVariable))) {
      return checkEndpoint(env.get(serviceVariable), serviceVariable);
    }
    if (notBlank(env.get("AWS_ENDPOINT_URL"))) {
      return checkEndpoint(env.get("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL");
    }
    return null;
  }

  private static URI checkEndpoint(String value, String source) {
    try {
      URI uri = URI.create(value.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new BadInputException(source + " '" + value + "' is not an endpoint URL: use http(s)://host[:port]");
  }

  private static String resolveRegion(ConnectionSettings settings, Map<String, String> env) {
    String region = settings.region();
    String source = "--region";
    if (!notBlank(region)) {
      region = firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
      source = "AWS_REGION";
    }
    if (!notBlank(region)) {
      region = profileRegion(settings.profile() != null ? settings.profile() : env.get("AWS_PROFILE"));
      source = "the AWS config file";
    }
    if (!notBlank(region)) {
      throw new BadInputException("no AWS region: pass --region (e.g. --region us-east-1) or set AWS_REGION");
    }
    if (!AwsNames.REGION.matcher(region.trim()).matches()) {
      throw new BadInputException(source + " '" + region + "' is not a region name like us-east-1");
    }
    return region.trim();
  }

  private static String profileRegion(String profile) {
    try {
      return ProfileFile.defaultProfileFile()
          .profile(notBlank(profile) ? profile : "default")
          .flatMap(p -> p.property(ProfileProperty.REGION))
          .orElse(null);
    } catch (RuntimeException e) {
      return null; // an unreadable config file means no region from it; the caller says what to do
    }
  }

  private static AwsCredentialsProvider resolveCredentials(String profile, boolean loopback,
      Supplier<AwsCredentialsProvider> defaultChain) {
    AwsCredentialsProvider provider;
    if (profile != null) {
      provider = ProfileCredentialsProvider.create(profile);
    } else if (loopback) {
      provider = AwsCredentialsProviderChain.builder()
          .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
              SystemPropertyCredentialsProvider.create(), StaticCredentialsProvider.create(LOCAL_CREDENTIALS))
          .build();
    } else {
      provider = defaultChain.get();
    }
    try {
      provider.resolveCredentials(); // fail now with a clear message, not on the first call
    } catch (SdkException | IllegalStateException e) {
      if (profile != null) {
        String reason = Text.firstLine(e.getMessage());
        throw new SubmitException("no AWS credentials in profile '" + profile + "': "
            + (reason.isEmpty() ? "unknown error" : reason)
            + " (check ~/.aws/config and ~/.aws/credentials, or run aws sso login --profile " + profile + ")", e);
      }
      throw new SubmitException("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
          + "run aws configure (or aws sso login), or pass --profile", e);
    }
    return provider;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (notBlank(v)) {
        return v;
      }
    }
    return null;
  }
}
