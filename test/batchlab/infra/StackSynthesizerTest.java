package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.util.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSynthesizerTest {

  @Test
  void synthesizesTheStackWithTheContractOutputs() throws Exception {
    SynthesizedStack stack = StackSynthesizer.synthesize(Map.of("maxVcpus", "4"));

    assertThat(stack.stackName()).isEqualTo("BatchLab");
    JsonNode outputs = new ObjectMapper().readTree(stack.templateJson()).get("Outputs");
    List<String> ids = List.of("JobQueueName", "JobQueueArn", "JobDefinitionName", "JobDefinitionArn",
        "ComputeEnvironmentName", "ComputeEnvironmentArn", "LogGroupName", "Region");
    assertThat(outputs.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(ids);
    assertThat(outputs.get("JobDefinitionName").get("Value").asText()).isEqualTo("batch-lab-job");
  }

  @Test
  void answersTheSameContextFromTheCache() {
    assertThat(StackSynthesizer.synthesize(Map.of("maxVcpus", "4")))
        .isSameAs(StackSynthesizer.synthesize(Map.of("maxVcpus", "4")));
  }

  @Test
  void usesTheStackNameFromContext() {
    assertThat(StackSynthesizer.synthesize(Map.of("stackName", "Other")).stackName()).isEqualTo("Other");
  }

  @Test
  void rejectsBadContextWithSettingsException() {
    assertThatThrownBy(() -> StackSynthesizer.synthesize(Map.of("maxVcpus", "abc")))
        .isInstanceOf(BadInputException.class)
        .hasMessage("maxVcpus=abc is not allowed (allowed: a whole number from 1 to 10000)");
  }
}
