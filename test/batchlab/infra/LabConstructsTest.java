package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.batch.AllocationStrategy;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/** Each construct validates its props in its constructor, independent of the context parsing. */
class LabConstructsTest {

  private Stack stack;
  private LabNetwork network;

  @BeforeEach
  void newStack() {
    stack = new Stack(new App(), "ConstructTest");
    network = new LabNetwork(stack, "Network", LabNetwork.Props.builder().build());
  }

  private LabComputeEnvironment.Props.Builder validEnvironment() {
    return LabComputeEnvironment.Props.builder()
        .network(network)
        .spot(true)
        .minVcpus(0)
        .maxVcpus(4)
        .instanceTypes(List.of("m7i.large"))
        .allocationStrategy(AllocationStrategy.BEST_FIT_PROGRESSIVE);
  }

  private LabJobDefinition.Props.Builder validJobDefinition() {
    return LabJobDefinition.Props.builder()
        .name("t-job")
        .imageDirectory(ProjectFiles.locate().jobImageDirectory())
        .vcpus(2)
        .memoryMiB(1024)
        .timeoutSeconds(3600)
        .logRetentionDays(7);
  }

  @Test
  void networkRejectsAMalformedVpcId() {
    assertThatThrownBy(() -> new LabNetwork(stack, "Other", LabNetwork.Props.builder().existingVpcId("vpc-nope").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("existing VPC id vpc-nope is not of the form vpc-<hex digits>");
  }

  @Test
  void computeEnvironmentRejectsMaxVcpusBelowMinVcpus() {
    assertThatThrownBy(() -> new LabComputeEnvironment(stack, "Ce", validEnvironment().minVcpus(8).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compute environment needs 0 <= minVcpus <= maxVcpus and maxVcpus >= 1, got 8..4");
  }

  @Test
  void computeEnvironmentRejectsDesiredVcpusOutsideItsRange() {
    assertThatThrownBy(() -> new LabComputeEnvironment(stack, "Ce",
        validEnvironment().desiredVcpus(OptionalInt.of(6)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("desiredVcpus 6 is outside [0, 4]");
  }

  @Test
  void computeEnvironmentRejectsASpotOnlyStrategyOnDemand() {
    assertThatThrownBy(() -> new LabComputeEnvironment(stack, "Ce",
        validEnvironment().spot(false).allocationStrategy(AllocationStrategy.SPOT_CAPACITY_OPTIMIZED).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SPOT_CAPACITY_OPTIMIZED is not allowed for on-demand instances");
  }

  @Test
  void computeEnvironmentRejectsAnUpdateTimeoutBatchDoesNotAccept() {
    assertThatThrownBy(() -> new LabComputeEnvironment(stack, "Ce", validEnvironment().updateTimeoutMinutes(0).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("updateTimeoutMinutes 0 is outside [1, 360]");
  }

  @Test
  void computeEnvironmentRejectsNoInstanceTypes() {
    assertThatThrownBy(() -> new LabComputeEnvironment(stack, "Ce", validEnvironment().instanceTypes(List.of()).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compute environment needs at least one instance type");
  }

  @Test
  void computeEnvironmentRejectsAFamilyCdkDoesNotKnow() {
    assertThatThrownBy(() -> new LabComputeEnvironment(stack, "Ce",
        validEnvironment().instanceTypes(List.of("zz9")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("instance family zz9 is unknown to aws-cdk-lib; list its sizes instead (e.g. zz9.large)");
  }

  @Test
  void jobQueueRejectsARunnableTimeLimitBatchDoesNotAccept() {
    LabComputeEnvironment environment = new LabComputeEnvironment(stack, "Ce", validEnvironment().build());

    assertThatThrownBy(() -> new LabJobQueue(stack, "Queue", LabJobQueue.Props.builder()
        .computeEnvironment(environment.computeEnvironment()).runnableTimeoutSeconds(300).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runnable time limit 300 s is outside 600..86400 s");
  }

  @Test
  void jobDefinitionRejectsAnImageDirectoryWithoutDockerfile(@TempDir Path empty) {
    assertThatThrownBy(() -> new LabJobDefinition(stack, "Job", validJobDefinition().imageDirectory(empty).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job image directory " + empty + " has no Dockerfile");
  }

  @Test
  void jobDefinitionRejectsAnAttemptTimeoutBelowBatchMinimum() {
    assertThatThrownBy(() -> new LabJobDefinition(stack, "Job", validJobDefinition().timeoutSeconds(30).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt timeout 30 s is below Batch's minimum of 60 s");
  }

  @Test
  void jobDefinitionRejectsALogRetentionCloudWatchDoesNotOffer() {
    assertThatThrownBy(() -> new LabJobDefinition(stack, "Job", validJobDefinition().logRetentionDays(10).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("log retention of 10 days is not one of 1, 3, 5, 7, 14");
  }
}
