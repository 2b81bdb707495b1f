package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The job image's build files (Docker is not needed to run the suite, so they are checked as text). */
class JobImageTest {

  private static final Path DIRECTORY = ProjectFiles.locate().jobImageDirectory();

  private static List<String> instructions(String file) throws Exception {
    return Files.readAllLines(DIRECTORY.resolve(file)).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  @Test
  void buildsFromASupportedSlimPython() throws Exception {
    String from = instructions("Dockerfile").get(0);
    Matcher version = Pattern.compile("FROM python:3\\.(\\d+)-slim").matcher(from);

    assertThat(version.matches()).as(from).isTrue();
    // 3.10 is the oldest Python with security support until late 2026; the article's 3.8 is end of life.
    assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(10);
  }

  @Test
  void runsAsANonRootUser() throws Exception {
    List<String> users = instructions("Dockerfile").stream().filter(line -> line.startsWith("USER ")).toList();

    assertThat(users).hasSize(1);
    assertThat(users.get(0).substring("USER ".length()).strip()).isNotIn("root", "0");
  }

  @Test
  void copiesTheScriptTheJobDefinitionRuns() throws Exception {
    assertThat(instructions("Dockerfile")).contains("WORKDIR /app", "COPY sleep_example.py .");
    assertThat(LabJobDefinition.COMMAND).element(1).isEqualTo("sleep_example.py");
  }

  @Test
  void sendsOnlyTheScriptAsBuildContext() throws Exception {
    assertThat(instructions(".dockerignore")).containsExactly("*", "!sleep_example.py");
  }
}
