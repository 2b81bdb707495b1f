package batchlab.experiment;

import batchlab.submit.AwsClients;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real AWS account: each maxvCpus is deployed with the project's pinned CDK CLI (a maxvCpus-only
 * change is an in-place scaling update), and with {@code --destroy} the stack is destroyed when the
 * target closes, which the experiment does in a finally block, so also after a failure.
 */
public final class AwsTarget implements ExperimentTarget {

  private static final Duration POLL = Duration.ofSeconds(5);
  /** Batch terminates idle instances after a few minutes; beyond this the next run starts anyway. */
  private static final Duration SCALE_IN_LIMIT = Duration.ofMinutes(20);

  private final AwsClients clients;
  private final String stackName;
  private final CdkCommands cdk;
  private final ProcessRunner runner;
  private final boolean destroy;
  private final Consumer<String> log;
  private final Supplier<Instant> serverClock;

  /**
   * @param clients where the submitter and watcher connect (AWS, or in tests an emulator)
   * @param runner runs the CDK CLI (tests put a recorder here)
   * @param log where the commands run are announced
   * @param serverClock null on AWS (its Date header is right); an emulator's clock in tests
   */
  public AwsTarget(ExperimentSettings settings, AwsClients clients, ProcessRunner runner, Consumer<String> log,
      Supplier<Instant> serverClock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.log = Objects.requireNonNull(log, "log");
    this.stackName = settings.stackSettings(settings.maxVcpus().get(0)).stackName();
    this.cdk = new CdkCommands(settings.context());
    this.destroy = settings.destroy();
    this.serverClock = serverClock;
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

  @Override
  public void applyMaxVcpus(int maxVcpus) throws InterruptedException {
    run(cdk.deploy(maxVcpus));
  }

  @Override
  public Supplier<Instant> serverClock() {
    return serverClock;
  }

  @Override
  public Duration pollInterval() {
    return POLL;
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
}
