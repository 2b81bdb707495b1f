package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.aws.AwsClients;
import batchlab.aws.StopSignal;
import batchlab.infra.StackSynthesizer;
import batchlab.local.BatchEmulator;
import batchlab.local.LabEmulators;
import batchlab.local.Speed;
import batchlab.util.BadInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the experiment moves between max vCPU values: --swap deploy (UpdateStack) or console, and the shared check. */
class SwapTest {

  @TempDir Path tmp;

  @Test
  void consoleSwapUsesUpdateComputeEnvironmentAndRunsNoStackUpdate() throws Exception {
    ExperimentSettings settings = ExperimentSettings.builder().maxVcpus(List.of(2, 4)).jobs(2).speed(Speed.of(120))
        .outDir(tmp.resolve("console")).swap(SwapMethod.CONSOLE).build();
    ExperimentResult result = new Experiment(settings, LocalTarget.start(settings), ExperimentListener.NONE).run();

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.content().runs().get(1).swapMethod()).isEqualTo("UpdateComputeEnvironment");
    assertThat(result.content().runs().get(1).swapEvents()).isEmpty();
    assertThat(result.content().rows().get(1).maxRunning()).isEqualTo(2);
    assertThat(result.content().settings().get("swap")).asString().startsWith("UpdateComputeEnvironment");
  }

  @Test
  void consoleSwapIsRefusedOnAwsAndAnUnknownMethodIsBadInput() {
    assertThatThrownBy(() -> ExperimentSettings.builder().target(Target.AWS).outDir(tmp.resolve("a"))
        .swap(SwapMethod.CONSOLE).build())
        .isInstanceOf(BadInputException.class)
        .hasMessage("--swap console applies to --target local only; on AWS each value is deployed with npx cdk deploy");
    assertThatThrownBy(() -> SwapMethod.parse("cfn"))
        .isInstanceOf(BadInputException.class).hasMessage("--swap 'cfn' is not a swap method; use deploy or console");
  }

  @Test
  void aRolledBackUpdateFailsWithCloudFormationsReason() {
    try (BatchEmulator emulator = LabEmulators.synthesized(Map.of()).speed(Speed.of(600)).build().start();
        AwsClients clients = AwsClients.forEndpoint(emulator.endpoint(), emulator.region())) {
      java.time.Instant since = emulator.now();
      clients.cloudFormation().updateStack(r -> r.stackName("BatchLab").templateBody(
          StackSynthesizer.synthesize(Map.of("allocationStrategy", "BEST_FIT")).templateJson()));

      assertThatThrownBy(() -> StackUpdateCheck.await(clients, "BatchLab", 4, Map.of(), "UpdateStack", since,
          Duration.ofMillis(10), Duration.ofSeconds(20), new StopSignal()))
          .isInstanceOf(ExperimentException.class)
          .hasMessageStartingWith("applying maxVcpus=4 to stack BatchLab ended UPDATE_ROLLBACK_COMPLETE: "
              + "ComputeEnvironment2B67C44C: Infrastructure updates are not supported for compute environments "
              + "using the BEST_FIT allocation strategy");
    }
  }

  @Test
  void anUpdateThatLeavesAnotherMaxVcpusFailsTheCheck() throws Exception {
    try (BatchEmulator emulator = LabEmulators.synthesized(Map.of()).speed(Speed.of(600)).build().start();
        AwsClients clients = AwsClients.forEndpoint(emulator.endpoint(), emulator.region())) {
      java.time.Instant since = emulator.now();
      clients.cloudFormation().updateStack(r -> r.stackName("BatchLab").templateBody(
          StackSynthesizer.synthesize(Map.of("maxVcpus", "8")).templateJson()));

      assertThatThrownBy(() -> StackUpdateCheck.await(clients, "BatchLab", 20, Map.of(), "UpdateStack", since,
          Duration.ofMillis(10), Duration.ofSeconds(20), new StopSignal()))
          .isInstanceOf(ExperimentException.class)
          .hasMessageMatching("after the update of stack BatchLab compute environment arn:aws:batch:.* has maxvCpus 8, "
              + "not 20");
      assertThat(StackUpdateCheck.await(clients, "BatchLab", 8, Map.of(), "UpdateStack", since, Duration.ofMillis(10),
          Duration.ofSeconds(20), new StopSignal()).events()).isNotEmpty();
    }
  }

  @Test
  void aReservationAskedOfAStackWithoutASchedulingPolicyFailsTheCheck() throws Exception {
    try (BatchEmulator emulator = LabEmulators.synthesized(Map.of()).speed(Speed.of(600)).build().start();
        AwsClients clients = AwsClients.forEndpoint(emulator.endpoint(), emulator.region())) {
      java.time.Instant since = emulator.now();
      clients.cloudFormation().updateStack(r -> r.stackName("BatchLab").templateBody(
          StackSynthesizer.synthesize(Map.of("maxVcpus", "8")).templateJson()));

      assertThatThrownBy(() -> StackUpdateCheck.await(clients, "BatchLab", 8, Map.of("computeReservation", "50"),
          "UpdateStack", since, Duration.ofMillis(10), Duration.ofSeconds(20), new StopSignal()))
          .isInstanceOf(ExperimentException.class)
          .hasMessageMatching("after the update of stack BatchLab job queue arn:aws:batch:.*:job-queue/\\S+ has no "
              + "scheduling policy, not one with computeReservation 50");
    }
  }
}
