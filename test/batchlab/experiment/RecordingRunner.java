package batchlab.experiment;

import batchlab.local.BatchEmulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * Stands in for the CDK CLI against the emulator: records every command, and plays "deploy -c
 * maxVcpus=V" as what that deploy does to the stack, an in-place UpdateComputeEnvironment to V.
 */
final class RecordingRunner implements ProcessRunner {

  final List<List<String>> commands = new CopyOnWriteArrayList<>();
  private final BatchClient batch;
  private final String computeEnvironment;
  private final ToIntFunction<List<String>> exitCodes;

  /** @param exitCodes the exit code each command returns (a failed deploy changes nothing) */
  RecordingRunner(BatchEmulator emulator, BatchClient batch, ToIntFunction<List<String>> exitCodes) {
    this.batch = batch;
    this.computeEnvironment = emulator.stack().output("ComputeEnvironmentArn").orElseThrow();
    this.exitCodes = exitCodes;
  }

  @Override
  public int run(List<String> command) {
    commands.add(List.copyOf(command));
    int exit = exitCodes.applyAsInt(command);
    if (exit == 0 && command.get(2).equals("deploy")) {
      int maxVcpus = command.stream().filter(a -> a.startsWith("maxVcpus=")).findFirst()
          .map(a -> Integer.parseInt(a.substring("maxVcpus=".length()))).orElseThrow();
      batch.updateComputeEnvironment(r -> r.computeEnvironment(computeEnvironment)
          .computeResources(c -> c.maxvCpus(maxVcpus)));
    }
    return exit;
  }

  static boolean isDeployOf(List<String> command, int maxVcpus) {
    return command.get(2).equals("deploy") && command.contains("maxVcpus=" + maxVcpus);
  }
}
