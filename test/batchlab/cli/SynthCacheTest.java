package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.infra.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code src/launcher/synth-cache}, through which {@code ./batch-lab cdk-app} runs the app: a copy of the
 * script on a small project of its own, with a stand-in app (a shell script that counts its runs and
 * writes an assembly-like directory), so every case costs milliseconds and starts cold.
 */
class SynthCacheTest {

  private static final Path SCRIPT = ProjectFiles.locate().root().resolve("src").resolve("launcher").resolve("synth-cache");
  private static final String REUSED = "batch-lab: inputs unchanged, cloud assembly reused from the synth cache"
      + " (BATCH_LAB_SYNTH_CACHE=off to synthesize)";

  @TempDir Path dir;
  private Project project;

  /** The project, the environment and the working directory of one synth: what the inputs are. */
  static final class Project {
    final Path root;
    final Path script;
    final Path app;
    final Path runs;
    final Path cache;
    final Map<String, String> env = new HashMap<>();
    Path workingDirectory;

    Project(Path dir) throws IOException {
      root = Files.createDirectories(dir.resolve("project"));
      write("src/batchlab/App.java", "class App {}\n");
      write("pom.xml", "<project/>\n");
      write("cdk.json", "{\"app\": \"./batch-lab cdk-app\"}\n");
      write("job-image/Dockerfile", "FROM python:3.13-slim\n");
      write("batch-lab", "#!/bin/sh\n");
      script = dir.resolve("synth-cache");
      Files.copy(SCRIPT, script);
      runs = dir.resolve("app-runs.txt");
      cache = dir.resolve("cache");
      app = dir.resolve("app.sh");
      Files.writeString(app, String.join("\n",
          "#!/bin/sh",
          "echo run >> '" + runs + "'",
          "sleep \"${APP_SLEEP:-0}\"",
          "mkdir -p \"$CDK_OUTDIR/asset.0123\"",
          "printf '%s' \"$CDK_CONTEXT_JSON\" > \"$CDK_OUTDIR/manifest.json\"",
          "echo image > \"$CDK_OUTDIR/asset.0123/Dockerfile\"",
          "exit \"${APP_EXIT:-0}\"", ""));
      app.toFile().setExecutable(true);
      workingDirectory = root;
      env.put("BATCH_LAB_SYNTH_CACHE_DIR", cache.toString());
      env.put("CDK_CONTEXT_JSON", "{\"maxVcpus\":\"4\"}");
      env.put("CDK_OUTDIR", dir.resolve("cdk.out").toString());
      env.put("CDK_CLI_VERSION", "2.1148.1");
    }

    void write(String path, String content) {
      try {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void delete(String path) {
      try {
        Files.delete(root.resolve(path));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    Path outdir() {
      return Path.of(env.get("CDK_OUTDIR"));
    }

    Run synth() throws IOException, InterruptedException {
      Process process = start();
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("synth-cache finished").isTrue();
      return new Run(process.exitValue(), stderr);
    }

    Process start() throws IOException {
      ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), root.toString(), app.toString())
          .directory(workingDirectory.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      // Only what the case sets: nothing from the shell that runs the tests.
      builder.environment().keySet().removeIf(name -> name.startsWith("CDK_") || name.startsWith("BATCH_LAB_")
          || name.startsWith("APP_") || name.equals("CONTEXT_OVERFLOW_LOCATION_ENV"));
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      return process;
    }

    long appRuns() throws IOException {
      return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    List<Path> entries() throws IOException {
      if (!Files.isDirectory(cache)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(cache)) {
        return files.filter(Files::isDirectory).toList();
      }
    }
  }

  record Run(int exitCode, String stderr) {}

  @BeforeEach
  void newProject() throws IOException {
    project = new Project(dir);
  }

  @Test
  void sameInputsCopyTheEarlierAssemblyIntoTheOutputDirectoryWithoutRunningTheApp() throws Exception {
    Run first = project.synth();
    Path outdir = project.outdir();
    String manifest = Files.readString(outdir.resolve("manifest.json"));
    deleteRecursively(outdir);

    Run second = project.synth();

    assertThat(first.exitCode()).isZero();
    assertThat(first.stderr()).isEmpty();
    assertThat(second.exitCode()).isZero();
    assertThat(second.stderr().lines().toList()).containsExactly(REUSED);
    assertThat(project.appRuns()).isEqualTo(1);
    assertThat(Files.readString(outdir.resolve("manifest.json"))).isEqualTo(manifest).isEqualTo("{\"maxVcpus\":\"4\"}");
    assertThat(Files.readString(outdir.resolve("asset.0123/Dockerfile"))).isEqualTo("image\n");
  }

  static Stream<Arguments> inputs() {
    return Stream.of(
        change("a source file's content, same size", p -> p.write("src/batchlab/App.java", "class Ap2 {}\n")),
        change("a new source file", p -> p.write("src/batchlab/Other.java", "class Other {}\n")),
        change("a deleted source file", p -> p.delete("src/batchlab/App.java")),
        change("pom.xml", p -> p.write("pom.xml", "<project><version>2</version></project>\n")),
        change("cdk.json", p -> p.write("cdk.json", "{\"app\": \"./batch-lab cdk-app\", \"context\": {}}\n")),
        change("a job-image file", p -> p.write("job-image/Dockerfile", "FROM python:3.14-slim\n")),
        change("a new job-image file", p -> p.write("job-image/sleep_example.py", "print()\n")),
        change("the launcher", p -> p.write("batch-lab", "#!/bin/bash\n")),
        change("the cache script itself", p -> append(p.script, "\n# changed\n")),
        change("CDK_CONTEXT_JSON", p -> p.env.put("CDK_CONTEXT_JSON", "{\"maxVcpus\":\"20\"}")),
        change("CDK_OUTDIR", p -> p.env.put("CDK_OUTDIR", p.root.resolve("other.out").toString())),
        change("CDK_DEFAULT_ACCOUNT", p -> p.env.put("CDK_DEFAULT_ACCOUNT", "123456789012")),
        change("CDK_DEFAULT_REGION", p -> p.env.put("CDK_DEFAULT_REGION", "eu-west-1")),
        change("CDK_VALIDATION", p -> p.env.put("CDK_VALIDATION", "true")),
        change("any other CDK_ variable", p -> p.env.put("CDK_CLI_VERSION", "2.1149.0")),
        change("a context the CLI spills into a file", p -> {
          p.write("context-overflow.json", "{\"big\":1}");
          p.env.put("CONTEXT_OVERFLOW_LOCATION_ENV", p.root.resolve("context-overflow.json").toString());
        }),
        change("the working directory", p -> p.workingDirectory = p.root.resolve("src")));
  }

  private static Arguments change(String input, Consumer<Project> change) {
    return Arguments.of(Named.of(input, change));
  }

  @ParameterizedTest(name = "a change of {0} runs the app again")
  @MethodSource("inputs")
  void everyInputInvalidatesTheCache(Consumer<Project> change) throws Exception {
    project.synth();
    assertThat(project.synth().stderr()).contains(REUSED);
    assertThat(project.appRuns()).as("app runs before the change").isEqualTo(1);

    change.accept(project);
    Run changed = project.synth();
    Run again = project.synth();

    assertThat(changed.exitCode()).isZero();
    assertThat(changed.stderr()).doesNotContain(REUSED);
    assertThat(again.stderr()).contains(REUSED);
    assertThat(project.appRuns()).as("app runs after the change, and once more unchanged").isEqualTo(2);
  }

  @Test
  void aChangeInsideTheSpilledContextRunsTheAppAgain() throws Exception {
    project.write("context-overflow.json", "{\"big\":1}");
    project.env.put("CONTEXT_OVERFLOW_LOCATION_ENV", project.root.resolve("context-overflow.json").toString());
    project.synth();
    project.write("context-overflow.json", "{\"big\":2}");

    assertThat(project.synth().stderr()).doesNotContain(REUSED);
    assertThat(project.appRuns()).isEqualTo(2);
  }

  @Test
  void aContextSpilledIntoAFileCountsByContentNotByItsTemporaryPath() throws Exception {
    project.write("overflow-1.json", "{\"big\":1}");
    project.write("overflow-2.json", "{\"big\":1}");
    project.env.put("CONTEXT_OVERFLOW_LOCATION_ENV", project.root.resolve("overflow-1.json").toString());
    project.synth();
    project.env.put("CONTEXT_OVERFLOW_LOCATION_ENV", project.root.resolve("overflow-2.json").toString());

    assertThat(project.synth().stderr()).contains(REUSED);
    assertThat(project.appRuns()).isEqualTo(1);
  }

  @Test
  void aFailedSynthIsNotCachedAndItsExitStatusPassesThrough() throws Exception {
    project.env.put("APP_EXIT", "2");

    Run failed = project.synth();
    Run again = project.synth();

    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(project.appRuns()).isEqualTo(2);
    assertThat(project.entries()).isEmpty();
    assertThat(project.outdir().resolve("manifest.json")).as("half an assembly in CDK_OUTDIR").doesNotExist();
  }

  @Test
  void offBypassesTheCache() throws Exception {
    project.env.put("BATCH_LAB_SYNTH_CACHE", "off");

    project.synth();
    Run second = project.synth();

    assertThat(second.stderr()).isEmpty();
    assertThat(project.appRuns()).isEqualTo(2);
    assertThat(project.entries()).isEmpty();
    assertThat(project.outdir().resolve("manifest.json")).exists();
  }

  @Test
  void aBadSwitchValueIsOneLineAndExitStatusTwoWithoutRunningTheApp() throws Exception {
    project.env.put("BATCH_LAB_SYNTH_CACHE", "of");

    Run run = project.synth();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr().lines().toList())
        .containsExactly("batch-lab: BATCH_LAB_SYNTH_CACHE=of is not allowed (allowed: on, off)");
    assertThat(project.appRuns()).isZero();
  }

  @Test
  void withoutAnOutputDirectoryTheAppJustRuns() throws Exception {
    project.env.remove("CDK_OUTDIR");

    project.synth();
    project.synth();

    assertThat(project.appRuns()).isEqualTo(2);
    assertThat(project.entries()).isEmpty();
  }

  @Test
  void twoSynthsAtOnceBothSucceedAndStoreOneCompleteEntry() throws Exception {
    project.env.put("APP_SLEEP", "1");
    Process first = project.start();
    Process second = project.start();

    assertThat(first.waitFor(60, TimeUnit.SECONDS) && second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(List.of(first.exitValue(), second.exitValue())).containsExactly(0, 0);
    assertThat(project.entries()).singleElement()
        .satisfies(entry -> assertThat(entry.resolve("asset.0123/Dockerfile")).hasContent("image"));
    try (Stream<Path> files = Files.list(project.cache)) {
      assertThat(files.map(f -> f.getFileName().toString())).as("files in the cache").containsExactlyInAnyOrder(".lock",
          project.entries().get(0).getFileName().toString());
    }
    assertThat(project.synth().stderr()).contains(REUSED);
  }

  @Test
  void keepsTheEightNewestEntries() throws Exception {
    for (int maxVcpus = 1; maxVcpus <= 10; maxVcpus++) {
      project.env.put("CDK_CONTEXT_JSON", "{\"maxVcpus\":\"" + maxVcpus + "\"}");
      project.synth();
    }
    assertThat(project.entries()).hasSize(8);

    project.env.put("CDK_CONTEXT_JSON", "{\"maxVcpus\":\"3\"}");
    assertThat(project.synth().stderr()).as("third of ten").contains(REUSED);
    project.env.put("CDK_CONTEXT_JSON", "{\"maxVcpus\":\"2\"}");
    assertThat(project.synth().stderr()).as("second of ten").doesNotContain(REUSED);
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
