package batchlab.experiment;

import batchlab.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the runs happen: the API endpoint, and how the compute environment gets each run's maxvCpus.
 * Closing it releases the target (stops the emulator; on AWS, destroys the stack if asked to).
 */
public interface ExperimentTarget extends AutoCloseable {

  /** For the report and the terminal, e.g. "local emulator (clock 60x)". */
  String description();

  /** Clients for Batch, ECS and CloudFormation at this target. */
  AwsClients clients();

  /** The CloudFormation stack whose outputs name the queue and job definition. */
  String stackName();

  /**
   * Gives the compute environment this maxvCpus before a run, and checks it has it; returns how it
   * was done, with the stack update's events when one ran.
   */
  default Swap applyMaxVcpus(int maxVcpus) throws InterruptedException {
    return applyStack(maxVcpus, Map.of());
  }

  /**
   * Like {@link #applyMaxVcpus}, with {@code extraContext} keys on top of the settings' (a scenario's
   * second phase, e.g. computeReservation): a stack update whenever {@code extraContext} is not empty.
   */
  Swap applyStack(int maxVcpus, Map<String, String> extraContext) throws InterruptedException;

  /** The server's clock when known in-process (the emulator's virtual clock); null to use its Date header. */
  Supplier<Instant> serverClock();

  /** Wall time between two polls while watching or waiting. */
  Duration pollInterval();

  /** How long to wait at most, in wall time, for idle instances to scale in between runs. */
  Duration scaleInLimit();

  @Override
  void close();
}
