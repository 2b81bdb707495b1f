package batchlab.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import batchlab.infra.ContextKey;
import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An in-process emulator of the AWS Batch control plane, configured from a CloudFormation template,
 * serving Batch (REST-JSON), ECS (JSON 1.1) and CloudFormation (query) on one 127.0.0.1 endpoint,
 * so unchanged AWS SDK clients work against it:
 *
 * <pre>{@code
 * try (BatchEmulator emulator = BatchEmulator.builder().templateJson(json).speed(Speed.MANUAL).build().start()) {
 *   BatchClient batch = BatchClient.builder().endpointOverride(emulator.endpoint())
 *       .region(Region.of(emulator.region())).credentialsProvider(...dummy static...).build();
 *   ...
 *   emulator.advance(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class BatchEmulator implements AutoCloseable {

  private final String region;
  private final Simulation simulation;
  private final LoadedStack stack;
  private final HttpFrontEnd frontEnd;
  private boolean started;

  private BatchEmulator(Builder builder) {
    this.region = builder.region;
    Arns arns = new Arns(builder.region, builder.account);
    long start = builder.startTime == null ? System.currentTimeMillis() : builder.startTime.toEpochMilli();
    VirtualClock clock = new VirtualClock(builder.speed, start);
    Ids ids = new Ids(builder.seed);
    Scheduler scheduler = new Scheduler(clock, builder.timings, builder.faults, ids, arns);
    this.simulation = new Simulation(clock, scheduler, builder.maxModeQuietPeriod);
    Registry registry = new Registry(arns);
    EnvironmentOperations environments = new EnvironmentOperations(registry, scheduler, ids);
    QueueOperations queues = new QueueOperations(registry, scheduler);
    DefinitionOperations definitions = new DefinitionOperations(registry);
    JobOperations jobs = new JobOperations(registry, scheduler, ids, new JobViews(arns),
        builder.timings.defaultJobDuration());
    Map<String, Operation> operations = new HashMap<>();
    environments.register(operations);
    queues.register(operations);
    definitions.register(operations);
    jobs.register(operations);
    String templateJson = builder.templateJson;
    this.stack = templateJson == null ? null : simulation.call(() -> new TemplateLoader(templateJson,
        builder.stackName, builder.seed, arns).load(environments, queues, definitions, start));
    try {
      this.frontEnd = new HttpFrontEnd(builder.port, simulation,
          new BatchApi(operations, new TagOperations(registry, scheduler)), new EcsApi(registry),
          new CloudFormationApi(stack), new FaultInjector(builder.faults, builder.seed));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + builder.port + ": " + e.getMessage(), e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts serving and, unless the clock is MANUAL, the scheduler thread. Returns this. */
  public synchronized BatchEmulator start() {
    if (!started) {
      frontEnd.start();
      simulation.start();
      started = true;
    }
    return this;
  }

  /** {@code http://127.0.0.1:<port>}: the endpointOverride for Batch, ECS and CloudFormation clients. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + frontEnd.port());
  }

  public int port() {
    return frontEnd.port();
  }

  public String region() {
    return region;
  }

  /** The stack loaded from the template (names, ARNs, outputs); null when started without one. */
  public LoadedStack stack() {
    return stack;
  }

  public Speed speed() {
    return simulation.speed();
  }

  /** The virtual time: every timestamp the API returns is on this clock. */
  public Instant now() {
    return Instant.ofEpochMilli(simulation.now());
  }

  /**
   * Moves a MANUAL or MAX clock forward by {@code duration}, running every scheduled event on the way
   * (what a watcher polling every {@code duration} would see between two polls).
   */
  public void advance(Duration duration) {
    simulation.advance(duration);
  }

  /**
   * Waits until every submitted job is SUCCEEDED or FAILED. A MANUAL or MAX clock is driven from
   * event to event; a scaled clock is waited for in real time. Returns false if {@code realTimeout}
   * passed first (or, on a stepped clock, nothing is left that could finish the jobs).
   */
  public boolean awaitJobsDone(Duration realTimeout) throws InterruptedException {
    return simulation.awaitJobsDone(realTimeout);
  }

  @Override
  public void close() {
    frontEnd.close();
    simulation.close();
  }

  /** Options of the emulator; every setter validates its value with a one-line message. */
  public static final class Builder {
    private String templateJson;
    private Map<String, String> context;
    private String stackName;
    private String region = "us-east-1";
    private String account = Arns.DEFAULT_ACCOUNT;
    private Speed speed = Speed.DEFAULT;
    private long seed = 1;
    private int port;
    private Timings timings = Timings.DEFAULT;
    private Faults faults = Faults.NONE;
    private Duration maxModeQuietPeriod = Duration.ofMillis(25);
    private Instant startTime;

    private Builder() {}

    /** The CloudFormation template (JSON) whose AWS::Batch resources and Outputs the emulator serves. */
    public Builder templateJson(String json) {
      this.templateJson = Objects.requireNonNull(json, "templateJson");
      this.context = null;
      return this;
    }

    /**
     * Serve the batch-lab stack synthesized in-process with this CDK context ({@code -c key=value}
     * pairs; empty for the defaults). {@link #build()} throws the synthesizer's SettingsException
     * (an IllegalArgumentException with a one-line message) on a bad value.
     */
    public Builder context(Map<String, String> context) {
      this.context = Map.copyOf(Objects.requireNonNull(context, "context"));
      this.templateJson = null;
      return this;
    }

    /**
     * The stack name DescribeStacks answers to and generated names derive from (default: the
     * synthesized stack's name, or BatchLabStack for a template).
     */
    public Builder stackName(String name) {
      if (name == null || !name.matches("[A-Za-z][A-Za-z0-9-]{0,127}")) {
        throw new IllegalArgumentException("stack name '" + name + "' is not valid: 1-128 letters, digits and "
            + "hyphens, starting with a letter");
      }
      this.stackName = name;
      return this;
    }

    public Builder region(String region) {
      if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
        throw new IllegalArgumentException("region '" + region + "' is not an AWS region name such as us-east-1");
      }
      this.region = region;
      return this;
    }

    /** The 12-digit account id in ARNs (default 000000000000). */
    public Builder account(String account) {
      if (account == null || !account.matches("\\d{12}")) {
        throw new IllegalArgumentException("account '" + account + "' must be 12 digits");
      }
      this.account = account;
      return this;
    }

    public Builder speed(Speed speed) {
      this.speed = Objects.requireNonNull(speed, "speed");
      return this;
    }

    /** Seed of every random choice: ids, generated names, spot reclaims, injected faults. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 (any free port) and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    public Builder timings(Timings timings) {
      this.timings = Objects.requireNonNull(timings, "timings");
      return this;
    }

    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /** MAX speed only: how long the API must be idle before the clock jumps (default 25 ms). */
    public Builder maxModeQuietPeriod(Duration quiet) {
      if (quiet == null || quiet.isNegative()) {
        throw new IllegalArgumentException("max-mode quiet period must be zero or more, got " + quiet);
      }
      this.maxModeQuietPeriod = quiet;
      return this;
    }

    /** Where the virtual clock starts (default: the real time at build). */
    public Builder startTime(Instant start) {
      this.startTime = Objects.requireNonNull(start, "startTime");
      return this;
    }

    /** Creates the emulator and loads the template; {@link #start()} then serves it. */
    public BatchEmulator build() {
      if (context != null) {
        SynthesizedStack synthesized = StackSynthesizer.synthesize(context);
        templateJson = synthesized.templateJson();
        if (stackName == null) {
          stackName = synthesized.stackName();
        }
      }
      if (stackName == null) {
        // A raw template carries no stack name: assume the CDK app's default, as cdk deploy names it.
        stackName = ContextKey.STACK_NAME.defaultValue().orElseThrow();
      }
      return new BatchEmulator(this);
    }
  }
}
