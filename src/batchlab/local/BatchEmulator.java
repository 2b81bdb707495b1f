package batchlab.local;

import batchlab.batch.AwsNames;
import batchlab.util.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * An in-process emulator of the AWS Batch control plane, configured from a CloudFormation template,
 * serving Batch (REST-JSON), ECS (JSON 1.1) and CloudFormation (query) on one 127.0.0.1 endpoint,
 * so unchanged AWS SDK clients work against it:
 *
 * <pre>{@code
 * try (BatchEmulator emulator = BatchEmulator.builder().templateJson(json).stackName("BatchLab")
 *     .speed(Speed.MANUAL).build().start()) {
 *   BatchClient batch = BatchClient.builder().endpointOverride(emulator.endpoint())
 *       .region(Region.of(emulator.region())).credentialsProvider(...dummy static...).build();
 *   ...
 *   emulator.advance(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class BatchEmulator implements AutoCloseable {

  /** Long enough to bridge the gaps of a shell loop of aws CLI calls (0.4 to 1.7 s each here). */
  public static final Duration DEFAULT_HOLD_WINDOW = Duration.ofSeconds(2);
  /** A sanity bound: a longer hold would keep a fast clock at real speed through a whole run. */
  public static final Duration MAX_HOLD_WINDOW = Duration.ofSeconds(60);

  private final String region;
  private final Simulation simulation;
  private final CloudFormationApi cloudFormation;
  private final HttpFrontEnd frontEnd;
  private final Registry registry;
  private boolean started;

  private BatchEmulator(Builder builder) {
    this.region = builder.region;
    Arns arns = new Arns(builder.region, builder.account);
    long start = builder.startTime == null ? System.currentTimeMillis() : builder.startTime.toEpochMilli();
    VirtualClock clock = new VirtualClock(builder.speed, start, builder.holdWindow, builder.realTime);
    Ids ids = new Ids(builder.seed, builder.reproducibleIds ? 0 : Ids.startSalt());
    ControlPlane plane = new ControlPlane(arns, clock, ids, builder.timings, builder.faults, builder.capacity,
        builder.workload, builder.maxModeQuietPeriod);
    this.simulation = plane.simulation;
    Registry registry = plane.registry;
    this.registry = registry;
    Scheduler scheduler = plane.scheduler;
    EnvironmentOperations environments = plane.environments;
    QueueOperations queues = plane.queues;
    DefinitionOperations definitions = plane.definitions;
    SchedulingPolicyOperations policies = plane.policies;
    Map<String, Operation> operations = plane.operations;
    String templateJson = builder.templateJson;
    StackRecord stack = templateJson == null ? null : simulation.call(() -> {
      TemplateLoader loader = new TemplateLoader(templateJson, builder.stackName, builder.seed, arns);
      return new StackRecord(templateJson, TemplateLoader.parse(templateJson),
          loader.load(environments, policies, queues, definitions, start));
    });
    StackServices services = new StackServices(registry, environments, policies, queues, definitions, scheduler, arns,
        builder.seed);
    this.cloudFormation = new CloudFormationApi(new StackOperations(stack, services, ids));
    try {
      this.frontEnd = new HttpFrontEnd(builder.port, simulation,
          new BatchApi(operations, new TagOperations(registry)), new EcsApi(registry),
          cloudFormation, new Ec2Api(registry, builder.region, clock::now),
          new FaultInjector(builder.faults, builder.seed),
          builder.requestTimeout);
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

  /**
   * The stack loaded from the template (names, ARNs, outputs) as it is now, after any completed
   * UpdateStack; null when started without a template.
   */
  public LoadedStack stack() {
    return simulation.call(cloudFormation::loaded);
  }

  /**
   * For a fair-share queue, a share identifier a first job can be submitted with (the policy's first
   * entry; a prefix entry {@code team*} gives {@code team1}); empty for a FIFO or unknown queue.
   */
  public java.util.Optional<String> exampleShare(String queueNameOrArn) {
    return simulation.call(() -> {
      try {
        JobQueue queue = registry.queue(queueNameOrArn);
        if (queue.policy == null) {
          return java.util.Optional.<String>empty();
        }
        return java.util.Optional.of(queue.policy.fairshare.shareDistribution().stream()
            .map(SchedulingPolicy.Share::shareIdentifier).findFirst()
            .map(id -> id.endsWith("*") ? id.substring(0, id.length() - 1) + "1" : id).orElse("share1"));
      } catch (ApiException unknown) {
        return java.util.Optional.<String>empty();
      }
    });
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

  /** Options of the emulator; every setter validates its value with a one-line {@link BadInputException}. */
  public static final class Builder {
    private String templateJson;
    private String stackName;
    private String region = "us-east-1";
    private String account = Arns.DEFAULT_ACCOUNT;
    private Speed speed = Speed.DEFAULT;
    private long seed = 1;
    private boolean reproducibleIds;
    private int port;
    private Timings timings = Timings.DEFAULT;
    private Faults faults = Faults.NONE;
    private WorkloadModel workload = WorkloadModel.DEFAULT;
    private Duration maxModeQuietPeriod = Duration.ofMillis(25);
    private Duration holdWindow = DEFAULT_HOLD_WINDOW;
    private CapacityLimits capacity = CapacityLimits.NONE;
    private LongSupplier realTime = System::nanoTime;
    private Instant startTime;
    private Duration requestTimeout = Duration.ofSeconds(20);

    private Builder() {}

    /**
     * The CloudFormation template (JSON) whose AWS::Batch resources and Outputs the emulator serves;
     * it needs a {@link #stackName}. Without a template the emulator starts with no resources.
     */
    public Builder templateJson(String json) {
      this.templateJson = Objects.requireNonNull(json, "templateJson");
      return this;
    }

    /**
     * The template's stack name: the one DescribeStacks answers to and generated names derive
     * from. Required with a template (a raw template does not carry its name).
     */
    public Builder stackName(String name) {
      this.stackName = AwsNames.requireStackName(name);
      return this;
    }

    /** The Region in ARNs (default us-east-1); any code {@link AwsNames#REGION} accepts. */
    public Builder region(String region) {
      // AwsNames' pattern with the emulator's own message, which `local --region` prints as is.
      if (region == null || !AwsNames.REGION.matcher(region).matches()) {
        throw new BadInputException("region '" + region + "' is not an AWS region name such as us-east-1");
      }
      this.region = region;
      return this;
    }

    /** The 12-digit account id in ARNs (default 000000000000). */
    public Builder account(String account) {
      this.account = AwsNames.requireAccount(account);
      return this;
    }

    public Builder speed(Speed speed) {
      this.speed = Objects.requireNonNull(speed, "speed");
      return this;
    }

    /**
     * Seed of every random choice: ids, generated names, spot reclaims, injected faults. Ids
     * (jobs, instances, ECS) also depend on the instant the emulator is built, so a restarted
     * emulator never hands out an id again, unless {@link #reproducibleIds()}.
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Ids from the seed alone: the same seed and the same calls give the same ids (tests, replays). */
    public Builder reproducibleIds() {
      this.reproducibleIds = true;
      return this;
    }

    /** Port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new BadInputException("port must be between 0 (any free port) and 65535, got " + port);
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

    /** How long each job runs and whether it fails (default {@link WorkloadModel#DEFAULT}: 60 s, success). */
    public Builder workload(WorkloadModel workload) {
      this.workload = Objects.requireNonNull(workload, "workload");
      return this;
    }

    /** MAX speed only: how long the API must be idle before the clock jumps (default 25 ms). */
    public Builder maxModeQuietPeriod(Duration quiet) {
      if (quiet == null || quiet.isNegative()) {
        throw new BadInputException("max-mode quiet period must be zero or more, got " + quiet);
      }
      this.maxModeQuietPeriod = quiet;
      return this;
    }

    /**
     * How long a request may take to arrive, headers and body, in real time (default 20 s): a client
     * that stalls longer is answered 408 RequestTimeout (or, stalled in its headers, disconnected),
     * so slow clients cannot hold the server's workers.
     */
    public Builder requestTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new BadInputException("request timeout must be above 0 and at most 1 hour, got " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Client pacing: after each state-changing call (SubmitJob, Create*, Update*, Cancel/Terminate,
     * Register/Deregister, Tag...) the clock runs at real speed for this long of real time, then
     * returns to its speed, so the virtual gap between a client's calls equals the real one. Read-only
     * calls (Describe*, List*, Get*) do not hold it. Zero turns pacing off. MANUAL clocks are never
     * held. Default {@link #DEFAULT_HOLD_WINDOW}.
     */
    public Builder holdWindow(Duration hold) {
      if (hold == null || hold.isNegative() || hold.compareTo(MAX_HOLD_WINDOW) > 0) {
        throw new BadInputException("hold window (--hold-seconds) must be 0 to " + MAX_HOLD_WINDOW.toSeconds()
            + " seconds of real time, got " + (hold == null ? null : hold.toMillis() / 1000.0));
      }
      this.holdWindow = hold;
      return this;
    }

    /**
     * How many instances of each type EC2 can give at once (default: unlimited); launches beyond it
     * fail as a dry spot pool would, and the allocation strategy decides what happens next.
     */
    public Builder capacity(CapacityLimits capacity) {
      this.capacity = Objects.requireNonNull(capacity, "capacity");
      return this;
    }

    /**
     * The real-time source in nanoseconds the clock follows (default {@link System#nanoTime}); tests
     * pass a ticker they move by hand, so paced and scaled clocks need no sleeping.
     */
    public Builder realTime(LongSupplier nanoTime) {
      this.realTime = Objects.requireNonNull(nanoTime, "realTime");
      return this;
    }

    /** Where the virtual clock starts (default: the real time at build). */
    public Builder startTime(Instant start) {
      this.startTime = Objects.requireNonNull(start, "startTime");
      return this;
    }

    /** Creates the emulator and loads the template; {@link #start()} then serves it. */
    public BatchEmulator build() {
      if (templateJson != null && stackName == null) {
        throw new BadInputException("a template needs its stack name: call stackName(...) with templateJson(...)");
      }
      return new BatchEmulator(this);
    }
  }
}
