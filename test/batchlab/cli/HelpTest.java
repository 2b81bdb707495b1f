package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code --help} shows. */
class HelpTest {

  @Test
  void everyCommandsFirstDescriptionLineIsAWholeSentence() {
    // A command list shows only the first line of each subcommand's description.
    assertThat(BatchLab.newCommandLine().getSubcommands().get("bench").getSubcommands().values())
        .extracting(sub -> sub.getCommandSpec().usageMessage().description()[0])
        .allSatisfy(first -> assertThat(first).endsWith("."));
  }

  @Test
  void watchsSynopsisShowsWhereItConnects() {
    String usage = BatchLab.newCommandLine().getSubcommands().get("watch").getUsageMessage();
    String synopsis = usage.substring(0, usage.indexOf("Watch a submitted run"));
    assertThat(synopsis).contains("--endpoint-url=URL", "--region=REGION", "--profile=PROFILE", "--local");
  }
}
