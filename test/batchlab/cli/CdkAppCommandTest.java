package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CdkAppCommandTest {

  @Test
  void cdkAppIsAHiddenSubcommandOfTheRootCommand() {
    CommandLine root = BatchLab.newCommandLine();
    StringWriter usage = new StringWriter();
    root.usage(new PrintWriter(usage));

    Map<String, CommandLine> subcommands = root.getSubcommands();

    assertThat(subcommands).containsKey("cdk-app");
    Object command = subcommands.get("cdk-app").getCommand();
    assertThat(command).isInstanceOf(CdkAppCommand.class);
    assertThat(usage.toString()).doesNotContain("cdk-app");
  }
}
