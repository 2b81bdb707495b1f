package batchlab.experiment;

import batchlab.aws.AwsClients;
import batchlab.infra.StackSynthesizer;
import batchlab.local.BatchEmulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * Stands in for the CDK CLI against the emulator: records every command, and plays a successful
 * "deploy" as what it does to the stack. The plain recorder plays "deploy -c maxVcpus=V" as an
 * in-place UpdateComputeEnvironment to V; {@link #applyingTemplates} plays every deploy as the real
 * CLI does: the app synthesized with the command's {@code -c} keys and applied with UpdateStack.
 */
final class RecordingRunner implements ProcessRunner {

  /** How long the stand-in deploy waits at most, in wall time, for the emulator's update to end. */
  private static final Duration DEPLOY_LIMIT = Duration.ofSeconds(60);

  final List<List<String>> commands = new CopyOnWriteArrayList<>();
  private final ToIntFunction<List<String>> exitCodes;
  private final Deploy deploy;

  /** What a successful deploy does to the emulator; returns the deploy's exit code. */
  @FunctionalInterface
  private interface Deploy {
    int apply(List<String> command) throws InterruptedException;
  }

  /** @param exitCodes the exit code each command returns (a failed deploy changes nothing) */
  RecordingRunner(BatchEmulator emulator, BatchClient batch, ToIntFunction<List<String>> exitCodes) {
    this(exitCodes, scalingOnly(emulator, batch));
  }

  private RecordingRunner(ToIntFunction<List<String>> exitCodes, Deploy deploy) {
    this.exitCodes = exitCodes;
    this.deploy = deploy;
  }

  /**
   * A recorder whose deploy synthesizes the stack from the command's {@code -c} keys and applies it to
   * the emulator with UpdateStack, returning when the update has ended, as {@code cdk deploy} does:
   * exit 0 when it completed or when there was nothing to change, 1 when it failed.
   */
  static RecordingRunner applyingTemplates(AwsClients clients, String stackName,
      ToIntFunction<List<String>> exitCodes) {
    return new RecordingRunner(exitCodes, command -> updateStack(clients.cloudFormation(), stackName, command));
  }

  @Override
  public int run(List<String> command) throws InterruptedException {
    commands.add(List.copyOf(command));
    int exit = exitCodes.applyAsInt(command);
    if (exit == 0 && command.get(2).equals("deploy")) {
      return deploy.apply(command);
    }
    return exit;
  }

  static boolean isDeployOf(List<String> command, int maxVcpus) {
    return command.get(2).equals("deploy") && command.contains("maxVcpus=" + maxVcpus);
  }

  /** The {@code -c key=value} pairs of a CDK command, in order. */
  static Map<String, String> context(List<String> command) {
    Map<String, String> context = new LinkedHashMap<>();
    for (int i = 0; i + 1 < command.size(); i++) {
      if (command.get(i).equals("-c")) {
        String pair = command.get(i + 1);
        int equals = pair.indexOf('=');
        context.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
    }
    return context;
  }

  private static Deploy scalingOnly(BatchEmulator emulator, BatchClient batch) {
    String computeEnvironment = emulator.stack().output("ComputeEnvironmentArn").orElseThrow();
    return command -> {
      int maxVcpus = Integer.parseInt(context(command).get(ExperimentSettings.MAX_VCPUS_KEY));
      batch.updateComputeEnvironment(r -> r.computeEnvironment(computeEnvironment)
          .computeResources(c -> c.maxvCpus(maxVcpus)));
      return 0;
    };
  }

  private static int updateStack(CloudFormationClient cloudFormation, String stackName, List<String> command)
      throws InterruptedException {
    String template = StackSynthesizer.synthesize(context(command)).templateJson();
    try {
      cloudFormation.updateStack(r -> r.stackName(stackName).templateBody(template));
    } catch (CloudFormationException e) {
      if (e.getMessage().contains("No updates are to be performed")) {
        return 0; // cdk deploy prints "no changes" and succeeds
      }
      throw e;
    }
    long deadline = System.nanoTime() + DEPLOY_LIMIT.toNanos();
    while (true) {
      String status = cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0)
          .stackStatusAsString();
      if (!status.endsWith("_IN_PROGRESS")) {
        return status.equals("UPDATE_COMPLETE") ? 0 : 1;
      }
      if (System.nanoTime() >= deadline) {
        throw new IllegalStateException("stack " + stackName + " still " + status + " after " + DEPLOY_LIMIT);
      }
      Thread.sleep(10);
    }
  }
}
