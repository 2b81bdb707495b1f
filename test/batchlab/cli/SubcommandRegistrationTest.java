package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code main} registers only the subcommand its arguments name (picocli reflects on every registered
 * command at start-up), and that command line parses and helps exactly as the full one.
 */
class SubcommandRegistrationTest {

  @Test
  void argumentsNamingASubcommandGetThatSubcommandAlone() {
    assertThat(BatchLab.commandLineFor(new String[] {"submit", "--local", "--jobs", "10"}).getSubcommands())
        .containsOnlyKeys("submit");
    assertThat(BatchLab.commandLineFor(new String[] {"bench", "plan"}).getSubcommands()).containsOnlyKeys("bench");
  }

  @Test
  void helpOptionsOfTheRootAndUnknownNamesGetEverySubcommand() {
    List<String> all = List.copyOf(BatchLab.newCommandLine().getSubcommands().keySet());
    assertThat(all).hasSize(BatchLab.SUBCOMMANDS.size()).startsWith("experiment").endsWith("help");
    for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "submit"},
        new String[] {"sumbit"}, new String[] {"--version"})) {
      assertThat(BatchLab.commandLineFor(args).getSubcommands().keySet()).as(String.join(" ", args))
          .containsExactlyElementsOf(all);
    }
  }

  @Test
  void eachSubcommandAloneHasTheUsageAndParseErrorHandlingOfTheFullCommandLine() {
    CommandLine full = BatchLab.newCommandLine();
    full.getSubcommands().forEach((name, command) -> {
      if (!name.equals("help")) {
        CommandLine alone = BatchLab.commandLineFor(new String[] {name}).getSubcommands().get(name);
        assertThat(alone.getUsageMessage()).as(name).isEqualTo(command.getUsageMessage());
        assertThat(alone.getParameterExceptionHandler()).as(name).isInstanceOf(ParseErrors.class);
      }
    });
  }

  @Test
  void aBadOptionOfASubcommandAloneGetsTheUsualOneLineError() {
    Cli cli = Cli.run("submit", "--jobs", "many");

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("batch-lab: --jobs many is not allowed: give a whole number; "
        + "see ./batch-lab submit --help" + System.lineSeparator());
  }
}
