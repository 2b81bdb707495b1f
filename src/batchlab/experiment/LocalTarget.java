package batchlab.experiment;

import batchlab.aws.AwsClients;
import batchlab.aws.Backoff;
import batchlab.aws.Retry;
import batchlab.aws.StopSignal;
import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import batchlab.local.BatchEmulator;
import batchlab.local.Speed;
import batchlab.local.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.batch.model.ClientException;

/**
 * The default target: the stack synthesized in-process and served by the in-process emulator. The
 * emulator starts with the first maxvCpus; later values are applied like {@code cdk deploy} (the stack
 * synthesized with the value, applied with UpdateStack) or, with {@link SwapMethod#CONSOLE}, with
 * UpdateComputeEnvironment, as the article did in the console.
 */
public final class LocalTarget implements ExperimentTarget {

  /** Virtual time between polls: fine enough to see each state change of a 60 s job. */
  private static final Duration VIRTUAL_POLL = Duration.ofSeconds(5);
  private static final Duration MIN_POLL = Duration.ofMillis(10);
  /** At MAX speed the clock jumps when the API is quiet; polling slower than its 25 ms grace lets it. */
  private static final Duration MAX_SPEED_POLL = Duration.ofMillis(50);
  /** Scale-in takes the emulator's idle delay; a few polls more are margin. */
  private static final Duration SCALE_IN_MARGIN = Duration.ofMinutes(2);
  /** A stack update that takes longer than this (an infrastructure update draining long jobs) fails the run. */
  private static final Duration VIRTUAL_UPDATE_LIMIT = Duration.ofMinutes(40);

  private final BatchEmulator emulator;
  private final AwsClients clients;
  private final String computeEnvironment;
  private final ExperimentSettings settings;
  private int maxVcpus;

  private final Duration virtualScaleIn;

  private LocalTarget(BatchEmulator emulator, ExperimentSettings settings, int maxVcpus) {
    this.settings = settings;
    this.emulator = emulator;
    this.virtualScaleIn = settings.timings().scaleDown().plus(SCALE_IN_MARGIN);
    this.clients = AwsClients.forEndpoint(emulator.endpoint(), emulator.region());
    this.computeEnvironment = emulator.stack().output("ComputeEnvironmentArn")
        .orElseThrow(() -> new ExperimentException("the synthesized stack has no ComputeEnvironmentArn output"));
    this.maxVcpus = maxVcpus;
    warmUp();
  }

  /**
   * Makes each kind of call a run makes once before the first run: the SDK's first call of a kind
   * costs a hundred milliseconds or more of class loading, which at 60x is several virtual seconds
   * (the first job would be submitted seconds before the others, a poll's timestamp would lag its
   * reading). The SubmitJob goes to a queue that does not exist, so it creates nothing.
   */
  private void warmUp() {
    String cluster = clients.batch().describeComputeEnvironments(r -> r.computeEnvironments(computeEnvironment))
        .computeEnvironments().get(0).ecsClusterArn();
    clients.ecs().listContainerInstances(r -> r.cluster(cluster));
    clients.cloudFormation().describeStacks(r -> r.stackName(stackName()));
    try {
      clients.batch().submitJob(r -> r.jobName("warm-up").jobQueue("batch-lab-warm-up-no-such-queue")
          .jobDefinition("batch-lab-warm-up-no-such-definition"));
    } catch (ClientException expected) {
      // the point was the round trip
    }
  }

  /** Synthesizes the stack with the settings' context and the first maxvCpus, and starts the emulator. */
  public static LocalTarget start(ExperimentSettings settings) {
    int first = settings.maxVcpus().get(0);
    SynthesizedStack stack = StackSynthesizer.synthesize(settings.contextFor(first));
    BatchEmulator emulator = BatchEmulator.builder().templateJson(stack.templateJson()).stackName(stack.stackName())
        .workload(LabWorkload.DEFAULT).speed(settings.speed()).timings(settings.timings())
        .holdWindow(settings.holdWindow()).capacity(settings.capacity()).build().start();
    try {
      return new LocalTarget(emulator, settings, first);
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
  }

  @Override
  public String description() {
    return "local emulator (clock " + emulator.speed() + ")";
  }

  @Override
  public AwsClients clients() {
    return clients;
  }

  @Override
  public String stackName() {
    return emulator.stack().stackName();
  }

  @Override
  public Swap applyStack(int maxVcpus, Map<String, String> extraContext) throws InterruptedException {
    if (settings.swap() == SwapMethod.CONSOLE && extraContext.isEmpty()) {
      if (maxVcpus != this.maxVcpus) {
        ComputeEnvironmentScaling.setMaxVcpus(clients.batch(), computeEnvironment, maxVcpus,
            new Retry(Backoff.DEFAULT, new StopSignal(), clients.describeTarget()));
        this.maxVcpus = maxVcpus;
      }
      return Swap.none("UpdateComputeEnvironment");
    }
    if (maxVcpus == this.maxVcpus && extraContext.isEmpty()) {
      return Swap.none("UpdateStack");
    }
    String template = StackSynthesizer.synthesize(settings.contextFor(maxVcpus, extraContext)).templateJson();
    Instant since = emulator.now();
    clients.cloudFormation().updateStack(r -> r.stackName(stackName()).templateBody(template));
    Swap swap = StackUpdateCheck.await(clients, stackName(), maxVcpus, extraContext, "UpdateStack", since,
        pollInterval(), realTime(VIRTUAL_UPDATE_LIMIT, Duration.ofSeconds(30)), new StopSignal());
    this.maxVcpus = maxVcpus;
    return swap;
  }

  @Override
  public Supplier<Instant> serverClock() {
    return emulator::now;
  }

  @Override
  public Duration pollInterval() {
    return realTime(VIRTUAL_POLL, MAX_SPEED_POLL);
  }

  /**
   * The scale-in wait follows the UpdateComputeEnvironment call, whose hold window runs at real speed
   * (client pacing), so that window comes on top of the scaled time.
   */
  @Override
  public Duration scaleInLimit() {
    return realTime(virtualScaleIn, Duration.ofSeconds(30)).plus(settings.holdWindow());
  }

  /** Wall time for a virtual duration at the emulator's speed; {@code stepped} when the clock jumps. */
  private Duration realTime(Duration virtual, Duration stepped) {
    Speed speed = emulator.speed();
    if (speed.stepped()) {
      return stepped;
    }
    Duration real = Duration.ofNanos((long) (virtual.toNanos() / speed.factor()));
    return real.compareTo(MIN_POLL) < 0 ? MIN_POLL : real;
  }

  @Override
  public void close() {
    clients.close();
    emulator.close();
  }
}
