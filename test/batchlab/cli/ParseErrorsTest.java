package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 9.8: arguments picocli cannot parse get one line naming the value and what is allowed, exit 2. */
class ParseErrorsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "submit --jobs abc|--jobs abc is not allowed: give a whole number; see ./batch-lab submit --help",
      "local --seed abc|--seed abc is not allowed: give a whole number; see ./batch-lab local --help",
      "local --boot-seconds x|--boot-seconds x is not allowed: give a number; see ./batch-lab local --help",
      "watch --interval x|--interval 'x' is not a duration: use e.g. 500ms, 5s, 2m, 1h or 1m30s; see ./batch-lab watch --help",
      "experiment --jobs 1.5|--jobs 1.5 is not allowed: give a whole number; see ./batch-lab experiment --help",
      "submit --frobnicate|unknown option --frobnicate; see ./batch-lab submit --help",
      "submit --job 3|unknown option --job (did you mean --jobs?); see ./batch-lab submit --help",
      "submit --rate|--rate needs a value (PER_SECOND); see ./batch-lab submit --help",
      "bogus|unexpected argument 'bogus'; see ./batch-lab --help",
  })
  void aParseErrorIsOneLineWithAHintToHelp(String args, String message) {
    Cli cli = Cli.run(args.split(" "));
    assertThat(cli.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).isEqualTo("batch-lab: " + message + System.lineSeparator());
    assertThat(cli.out()).isEmpty();
  }
}
