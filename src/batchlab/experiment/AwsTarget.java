package batchlab.experiment;

import batchlab.aws.AwsClients;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real AWS account: each maxvCpus is deployed with the project's pinned CDK CLI (a maxvCpus-only
 * change is an in-place scaling update), and with {@code --destroy} the stack is destroyed when the
 * target closes, which the experiment does in a finally block, so also after a failure.
 */
public final class AwsTarget implements ExperimentTarget {

  /** The watcher's default poll interval against AWS. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
  /** Batch terminates idle instances after a few minutes; beyond this the next run starts anyway. */
  private static final Duration SCALE_IN_LIMIT = Duration.ofMinutes(20);
  /** How far the account's clock may be behind ours when telling this deploy's stack events from older ones. */
  private static final Duration DEPLOY_CLOCK_SKEW = Duration.ofSeconds(5);
  /** cdk deploy returns when the stack is done; this only bounds a stack still settling. */
  private static final Duration DEPLOY_SETTLE_LIMIT = Duration.ofMinutes(5);

  private final AwsClients clients;
  private final String stackName;
  private final CdkCommands cdk;
  private final ProcessRunner runner;
  private final boolean destroy;
  private final Consumer<String> log;
  private final Supplier<Instant> serverClock;
  private final Duration pollInterval;

  private AwsTarget(Builder builder) {
    ExperimentSettings settings = Objects.requireNonNull(builder.settings, "settings");
    this.clients = Objects.requireNonNull(builder.clients, "clients");
    this.runner = Objects.requireNonNull(builder.runner, "runner");
    this.log = Objects.requireNonNull(builder.log, "log");
    this.stackName = settings.stackSettings(settings.maxVcpus().get(0)).stackName();
    this.cdk = new CdkCommands(settings.context());
    this.destroy = settings.destroy();
    this.serverClock = builder.serverClock;
    this.pollInterval = Objects.requireNonNull(builder.pollInterval, "pollInterval");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String description() {
    return "AWS (" + clients.describeTarget() + ")";
  }

  @Override
  public AwsClients clients() {
    return clients;
  }

  @Override
  public String stackName() {
    return stackName;
  }

  /** {@code npx cdk deploy} with the value, then the same wait and check as the local UpdateStack. */
  @Override
  public Swap applyStack(int maxVcpus, Map<String, String> extraContext) throws InterruptedException {
    // The server's clock may be a little behind ours: events from a few seconds before still count.
    Instant since = (serverClock == null ? Instant.now() : serverClock.get()).minus(DEPLOY_CLOCK_SKEW);
    run(cdk.deploy(maxVcpus, extraContext));
    return StackUpdateCheck.await(clients, stackName, maxVcpus, extraContext, "npx cdk deploy", since,
        pollInterval, DEPLOY_SETTLE_LIMIT, new batchlab.aws.StopSignal());
  }

  @Override
  public Supplier<Instant> serverClock() {
    return serverClock;
  }

  @Override
  public Duration pollInterval() {
    return pollInterval;
  }

  @Override
  public Duration scaleInLimit() {
    return SCALE_IN_LIMIT;
  }

  /** Destroys the stack when asked to (--destroy); a failed destroy is reported with the command to retry. */
  @Override
  public void close() {
    try {
      if (destroy) {
        run(cdk.destroy());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExperimentException("destroy interrupted: run " + String.join(" ", cdk.destroy())
          + " to delete the stack");
    } finally {
      clients.close();
    }
  }

  private void run(List<String> command) throws InterruptedException {
    String line = String.join(" ", command);
    log.accept("$ " + line);
    int exit;
    try {
      exit = runner.run(command);
    } catch (IOException e) {
      throw new ExperimentException("cannot run " + line + ": " + e.getMessage()
          + " (is Node.js installed and npm ci done?)", e);
    }
    if (exit != 0) {
      throw new ExperimentException(line + " failed with exit code " + exit);
    }
  }

  /** Builds an {@link AwsTarget}; settings, clients, runner and log are required. */
  public static final class Builder {
    private ExperimentSettings settings;
    private AwsClients clients;
    private ProcessRunner runner;
    private Consumer<String> log;
    private Supplier<Instant> serverClock;
    private Duration pollInterval = DEFAULT_POLL;

    private Builder() {}

    public Builder settings(ExperimentSettings settings) {
      this.settings = settings;
      return this;
    }

    /** Where the submitter and watcher connect: AWS, or in tests an emulator. */
    public Builder clients(AwsClients clients) {
      this.clients = clients;
      return this;
    }

    /** Runs the CDK CLI; tests put a recorder here. */
    public Builder runner(ProcessRunner runner) {
      this.runner = runner;
      return this;
    }

    /** Where the commands run are announced. */
    public Builder log(Consumer<String> log) {
      this.log = log;
      return this;
    }

    /** Null on AWS (its Date header is right); an emulator's virtual clock in tests. */
    public Builder serverClock(Supplier<Instant> serverClock) {
      this.serverClock = serverClock;
      return this;
    }

    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    public AwsTarget build() {
      return new AwsTarget(this);
    }
  }
}
