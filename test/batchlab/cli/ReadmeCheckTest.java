package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README honest: every command block marked {@code <!-- readme-check -->} (lines {@code $ command}
 * followed by what it prints) or {@code <!-- readme-check: command -->} (the block is what the command
 * prints) is run through the CLI in-process, and what it prints must match the block, allowing for what
 * changes from run to run (see {@link #normalise}). The blocks that talk to the emulator run while one
 * {@code ./batch-lab local} with its defaults serves, as the README says to start it.
 *
 * <p>Run records and reports go to a temporary directory instead of {@code runs/}, and the emulator's
 * endpoint record to one instead of {@code ~/.local/state/batch-lab}; paths under them are compared as
 * those.
 */
class ReadmeCheckTest {

  private static final Path README = Path.of("README.md");
  private static final Pattern MARKER = Pattern.compile("^<!-- readme-check(?::\\s*(.+?))?\\s*-->$");

  @TempDir static Path tmp;
  private static LocalServeTest.Serving local;

  /** One checked block: the command(s) and what the README says they print. */
  record Check(int line, List<String> commands, List<String> expected) {}

  @BeforeAll
  static void startLocal() throws Exception {
    System.setProperty(LocalEndpoints.STATE_DIR_PROPERTY, tmp.resolve("state").toString());
    local = LocalServeTest.Serving.start();
    local.awaitServing();
  }

  @AfterAll
  static void stopLocal() {
    local.stop();
    System.clearProperty(LocalEndpoints.STATE_DIR_PROPERTY);
  }

  @TestFactory
  Stream<DynamicTest> everyMarkedBlockPrintsWhatTheReadmeShows() throws IOException {
    List<Check> checks = checks(Files.readAllLines(README));
    assertThat(checks).as("checked blocks in the README").hasSizeGreaterThanOrEqualTo(4);
    return checks.stream().map(check -> DynamicTest.dynamicTest(
        "README line " + check.line() + ": " + String.join("; ", check.commands()), () -> verify(check)));
  }

  private static void verify(Check check) {
    StringBuilder actual = new StringBuilder();
    for (String command : check.commands()) {
      actual.append(run(command));
    }
    assertThat(normalise(actual.toString()))
        .as("what `%s` printed (README line %d):%n%s", String.join("; ", check.commands()), check.line(), actual)
        .isEqualTo(normalise(String.join("\n", check.expected())));
  }

  /** Runs one README command as the launcher would, its stderr first, then its stdout. */
  private static String run(String command) {
    if (command.equals("./batch-lab local")) {
      return local.err().toString() + local.out();
    }
    assertThat(command).as("a README command run by the check").startsWith("./batch-lab ");
    List<String> args = new ArrayList<>();
    for (String arg : command.substring("./batch-lab ".length()).trim().split("\\s+")) {
      args.add(arg.startsWith("runs/") ? tmp.resolve(arg).toString() : arg);
    }
    if (List.of("submit", "watch").contains(args.get(0)) && !args.contains("--runs-dir")) {
      args.addAll(List.of("--runs-dir", tmp.resolve("runs").toString()));
    }
    Cli cli = Cli.run(args.toArray(String[]::new));
    return cli.err() + cli.out();
  }

  static List<Check> checks(List<String> readme) {
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      Matcher marker = MARKER.matcher(readme.get(i).trim());
      if (!marker.matches()) {
        continue;
      }
      List<String> block = blockAfter(readme, i + 1);
      if (marker.group(1) != null) {
        checks.add(new Check(i + 1, List.of(marker.group(1)), block));
      } else {
        List<String> commands = block.stream().filter(l -> l.startsWith("$ ")).map(l -> l.substring(2)).toList();
        List<String> output = block.stream().filter(l -> !l.startsWith("$ ")).toList();
        checks.add(new Check(i + 1, commands, output));
      }
    }
    return checks;
  }

  /** The fenced or 4-space indented block that starts at or after {@code from}. */
  private static List<String> blockAfter(List<String> readme, int from) {
    int i = from;
    while (readme.get(i).isBlank()) {
      i++;
    }
    List<String> block = new ArrayList<>();
    if (readme.get(i).startsWith("```")) {
      for (i++; !readme.get(i).startsWith("```"); i++) {
        block.add(readme.get(i));
      }
      return block;
    }
    for (; i < readme.size() && (readme.get(i).startsWith("    ") || readme.get(i).isBlank()); i++) {
      block.add(readme.get(i).isBlank() ? "" : readme.get(i).substring(4));
    }
    return block;
  }

  /**
   * What must match, with what changes from run to run made equal: run ids, ports, pids, times and
   * durations, percentages, costs, the temporary directory; runs of status lines (their number depends on when
   * the polls fall) become one; blank lines and alignment are ignored.
   */
  static List<String> normalise(String text) {
    List<String> lines = new ArrayList<>();
    // The --runs-dir this test adds in place of the default runs/ is echoed in hints; the reader typed none.
    String printed = text.replace(" --runs-dir " + tmp.resolve("runs"), "")
        .replace(tmp.resolve("state").toString(), "~/.local/state/batch-lab").replace(tmp + "/", "");
    for (String raw : printed.split("\n")) {
      String line = raw
          .replaceAll("\\b\\d{8}-\\d{6}-[0-9a-f]{4}\\b", "RUN")
          .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
          .replaceAll("pid \\d+", "pid N")
          .replaceAll("local-\\d+\\.json", "local-N.json")
          .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "TIME")
          .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
          .replaceAll("\\b\\d+(\\.\\d+)? (s|min|h)\\b", "N s")
          .replaceAll("(N s ?)+", "N s ")
          .replaceAll("\\b\\d+%", "N%")
          // costs of observed instances move by a poll's worth of instance time (0.0381 or 0.0382 USD)
          .replaceAll("\\b\\d+\\.\\d{4,}\\b", "N.NNNN")
          .replaceAll("\\s+", " ")
          .strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.matches("\\S+ SUBMITTED \\d+ PENDING .*\\(\\d+ jobs\\)")) {
        line = "<status lines>";
        if (!lines.isEmpty() && lines.get(lines.size() - 1).equals(line)) {
          continue;
        }
      }
      lines.add(line);
    }
    return lines;
  }
}
