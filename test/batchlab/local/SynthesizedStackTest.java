package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.util.BadInputException;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.cloudformation.model.Output;

/** The emulator configured from the stack synthesized in-process with CDK context, as `local -c` does. */
class SynthesizedStackTest {

  @Test
  void servesTheSynthesizedStackWithTheContextsSettingsAndTheContractOutputs() {
    try (BatchEmulator emulator = LabEmulators.synthesized(Map.of("maxVcpus", "20")).speed(Speed.MANUAL)
        .build().start()) {
      Map<String, String> outputs = Fixtures.cloudFormation(emulator)
          .describeStacks(r -> r.stackName(emulator.stack().stackName())).stacks().get(0).outputs().stream()
          .collect(Collectors.toMap(Output::outputKey, Output::outputValue));
      assertThat(outputs).containsOnlyKeys("JobQueueName", "JobQueueArn", "JobDefinitionName", "JobDefinitionArn",
          "ComputeEnvironmentName", "ComputeEnvironmentArn", "LogGroupName", "Region");
      assertThat(outputs.get("JobDefinitionArn"))
          .isEqualTo("arn:aws:batch:us-east-1:000000000000:job-definition/" + outputs.get("JobDefinitionName") + ":1");
      ComputeEnvironmentDetail ce = Fixtures.batch(emulator).describeComputeEnvironments(
          r -> r.computeEnvironments(outputs.get("ComputeEnvironmentArn"))).computeEnvironments().get(0);
      assertThat(ce.computeResources().maxvCpus()).isEqualTo(20);
      assertThat(ce.computeResources().instanceTypes()).containsExactly("m7i.large");
      assertThat(ce.computeResources().launchTemplate().launchTemplateId()).matches("lt-[0-9a-f]{17}");
    }
  }

  @Test
  void aBadContextValueFailsTheBuildWithTheSynthesizersMessage() {
    assertThatThrownBy(() -> LabEmulators.synthesized(Map.of("maxVcpus", "-1")).build())
        .isInstanceOf(BadInputException.class).hasMessageContaining("maxVcpus");
  }
}
