package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15: every bad --mix, --job-queue, --share-identifier and --scheduling-priority value is one line
 * naming it and what is allowed, exit 2, before any call is made (no endpoint is configured here).
 */
class SubmitGroupOptionsTest {

  static final String SYNTAX = "write SHARE:COUNT, QUEUE/SHARE:COUNT or QUEUE/:COUNT, comma-separated "
      + "(e.g. teamA:20,teamB:20 or low/:10,high/:10)";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--mix teamA|--mix entry 'teamA' is not valid (no :COUNT): " + SYNTAX,
      "--mix teamA:0|--mix entry 'teamA:0' is not valid (the count '0' is not a whole number from 1 to 100000): "
          + SYNTAX,
      "--mix teamA:x|--mix entry 'teamA:x' is not valid (the count 'x' is not a whole number from 1 to 100000): "
          + SYNTAX,
      "--mix :3|--mix entry ':3' is not valid (neither a queue nor a share): " + SYNTAX,
      "--mix /teamA:3|--mix entry '/teamA:3' is not valid (no queue before /): " + SYNTAX,
      "--mix teamA:2,|--mix entry '' is not valid (no :COUNT): " + SYNTAX,
      "--mix team-A:3|--mix entry 'team-A:3': share identifier 'team-A' is not valid: 1-255 letters and digits",
      "--mix teamA:2,teamA:3|--mix entry 'teamA:3' repeats an earlier queue and share: give each once, with the sum "
          + "of its jobs",
      "--mix teamA:60000,teamB:60000|--mix holds 120000 jobs: use at most 100000 in one run",
      "--mix teamA:2 --jobs 4|--jobs cannot be combined with --mix: the mix gives each entry's count",
      "--mix teamA:2 --array|--array cannot be combined with --mix: an array job goes to one queue and share",
      "--mix teamA:2 --share-identifier teamB|--share-identifier cannot be combined with --mix: the mix names each "
          + "entry's share",
      "--share-identifier team_a|share identifier 'team_a' is not valid: 1-255 letters and digits",
      "--scheduling-priority 10000|--scheduling-priority 10000 is out of range: use 0 to 9999 (higher runs first "
          + "within a share)",
      "--scheduling-priority -1|--scheduling-priority -1 is out of range: use 0 to 9999 (higher runs first within a "
          + "share)",
      "--scheduling-priority high|--scheduling-priority high is not allowed: give a whole number; see ./batch-lab "
          + "submit --help",
      "--resume R --mix teamA:1|--mix cannot be combined with --resume: a resumed run keeps its own settings",
      "--resume R --share-identifier teamA|--share-identifier cannot be combined with --resume: a resumed run keeps "
          + "its own settings",
  })
  void aBadValueIsOneLineAndExitTwo(String args, String message) {
    assertBadInput(Cli.run(("submit " + args).split(" ")), message);
  }

  @Test
  void anEmptyJobQueueIsBadInput() {
    assertBadInput(Cli.run("submit", "--job-queue", " "), "--job-queue ' ' is empty: give a lab queue name "
        + "(default, or one of the stack's -c queues), a queue name or ARN");
  }

  private static void assertBadInput(Cli cli, String message) {
    assertThat(cli.err()).isEqualTo("batch-lab: " + message + System.lineSeparator());
    assertThat(cli.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.out()).isEmpty();
  }
}
