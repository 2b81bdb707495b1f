package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CdkCommandsTest {

  @Test
  void deployPassesMaxVcpusAndSkipsTheApprovalPrompt() {
    assertThat(new CdkCommands(Map.of()).deploy(4))
        .containsExactly("npx", "cdk", "deploy", "-c", "maxVcpus=4", "--require-approval", "never");
  }

  @Test
  void deployPassesTheUsersContextSortedByKey() {
    CdkCommands commands = new CdkCommands(Map.of("stackName", "Lab2", "instanceTypes", "m7i.large,c7i.large"));

    assertThat(commands.deploy(20)).containsExactly(
        "npx", "cdk", "deploy", "-c", "maxVcpus=20",
        "-c", "instanceTypes=m7i.large,c7i.large", "-c", "stackName=Lab2",
        "--require-approval", "never");
  }

  @Test
  void destroyIsForcedAndUsesTheSameContextSoItFindsTheSameStack() {
    assertThat(new CdkCommands(Map.of("stackName", "Lab2")).destroy())
        .containsExactly("npx", "cdk", "destroy", "--force", "-c", "stackName=Lab2");
  }
}
