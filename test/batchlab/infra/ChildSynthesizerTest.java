package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.util.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 9.9: {@code local} synthesizes in a child JVM, so the jsii runtime does not outlive the synthesis. */
class ChildSynthesizerTest {

  @Test
  void theChildWritesTheSameTemplateAsAnInProcessSynthesis() {
    Map<String, String> context = Map.of("maxVcpus", "20");
    SynthesizedStack child = ChildSynthesizer.synthesize(context);
    SynthesizedStack inProcess = StackSynthesizer.synthesize(context);
    assertThat(child.stackName()).isEqualTo(inProcess.stackName()).isEqualTo("BatchLab");
    assertThat(child.templateJson()).isEqualTo(inProcess.templateJson());
  }

  @Test
  void aBadContextValueIsBadInputWithTheStacksOwnMessage() {
    assertThatThrownBy(() -> ChildSynthesizer.synthesize(Map.of("maxVcpus", "lots")))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("maxVcpus=lots is not allowed");
  }
}
