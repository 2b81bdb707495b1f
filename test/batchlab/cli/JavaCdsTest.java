package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.infra.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code src/launcher/java-cds}, which the launcher runs java through: the first run of a command records
 * an archive of its classes (a dynamic class-data-sharing archive on JDK 17, an AOT cache on JDK 25),
 * later runs map it, and nothing about the archive can break a run. A two-class program of its own
 * keeps every case to a JVM start or two. The cases that depend on the archive run on the JDK that
 * runs the tests and, where one is installed, on a JDK 25 or newer too (else they are skipped).
 */
class JavaCdsTest {

  /** A JDK the script is run with (as JAVA_HOME), and what its archives look like. */
  record Jdk(Path home, int feature) {
    boolean aot() {
      return feature >= 25;
    }

    String archivePattern() {
      return "hello-\\d+-\\d+\\." + (aot() ? "aot" : "jsa");
    }

    /** What the first run of a build adds to stderr: nothing on JDK 17; on JDK 25 the JVM's record line and the script's. */
    String recordingStderrPattern() {
      return aot()
          ? " AOTConfiguration recorded: \\S+\\n"
              + "batch-lab: creating the JDK's AOT cache for 'hello' \\(once per build, a few seconds\\)\\.\\.\\.\\n"
          : "";
    }

    /** How -Xlog:class+load names a class mapped from the archive. */
    String mappedSource() {
      return aot() ? "source: shared objects file" : "source: shared objects file (top)";
    }

    @Override
    public String toString() {
      return "JDK " + feature;
    }
  }

  /** The JDK that runs the tests, for the cases that do not depend on the archive's kind. */
  private static final Jdk TESTS_JDK = new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());

  /** The JDK that runs the tests, and a JDK 25 or newer from /usr/lib/jvm when one is there. */
  static List<Jdk> jdks() {
    List<Jdk> jdks = new ArrayList<>(List.of(TESTS_JDK));
    jdk25().filter(jdk -> jdk.feature() != TESTS_JDK.feature()).ifPresent(jdks::add);
    return jdks;
  }

  static Optional<Jdk> jdk25() {
    Path installed = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(installed)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(installed)) {
      return homes.map(home -> new Jdk(home, featureOf(home)))
          .filter(jdk -> jdk.aot() && Files.isExecutable(jdk.home().resolve("bin/java")))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int featureOf(Path home) {
    try {
      return Files.readAllLines(home.resolve("release")).stream()
          .filter(line -> line.startsWith("JAVA_VERSION=\""))
          .map(line -> line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0])
          .mapToInt(Integer::parseInt).findFirst().orElse(0);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static final Path SCRIPT = ProjectFiles.locate().root().resolve("src").resolve("launcher").resolve("java-cds");
  private static final String MAIN = "lab.Hello";

  @TempDir static Path program;
  private static Path jar;

  @TempDir Path dir;

  /**
   * lab.Hello prints one line and exits with the status given as its argument; with "wait" it waits
   * to be stopped (its shutdown hook prints "stopped"), with "echo" it prints a line read from stdin.
   */
  @BeforeAll
  static void buildProgram() throws IOException {
    Path sources = Files.createDirectories(program.resolve("src/lab"));
    Files.writeString(sources.resolve("Hello.java"), String.join("\n",
        "package lab;",
        "public class Hello {",
        "  public static void main(String[] args) throws Exception {",
        "    System.out.println(new Greeting().text());",
        "    if (args[0].equals(\"wait\")) {",
        "      Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(\"stopped\")));",
        "      Thread.sleep(Long.MAX_VALUE);",
        "    }",
        "    if (args[0].equals(\"echo\")) {",
        "      System.out.println(new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine());",
        "      System.exit(0);",
        "    }",
        "    System.exit(Integer.parseInt(args[0]));",
        "  }",
        "}", ""));
    Files.writeString(sources.resolve("Greeting.java"),
        "package lab;\nclass Greeting { String text() { return \"hello\"; } }\n");
    Path classes = Files.createDirectories(program.resolve("classes"));
    int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        sources.resolve("Hello.java").toString(), sources.resolve("Greeting.java").toString());
    assertThat(compiled).as("javac").isZero();
    jar = program.resolve("hello.jar");
    int jarred = ToolProvider.findFirst("jar").orElseThrow()
        .run(System.out, System.err, "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
    assertThat(jarred).as("jar").isZero();
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  private Path archives() {
    return dir.resolve("cds");
  }

  private Process start(Jdk jdk, String classpath, List<String> env, String... javaArguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), archives().toString(), "hello", classpath));
    command.addAll(List.of(javaArguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
    builder.environment().remove("BATCH_LAB_CDS");
    builder.environment().put("JAVA_HOME", jdk.home().toString());
    for (String setting : env) {
      String[] pair = setting.split("=", 2);
      builder.environment().put(pair[0], pair[1]);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private Run run(Jdk jdk, String classpath, List<String> env, String... javaArguments) throws Exception {
    Process process = start(jdk, classpath, env, javaArguments);
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("java-cds finished").isTrue();
    return new Run(process.exitValue(), stdout, stderr);
  }

  private Run run(Jdk jdk, String... javaArguments) throws Exception {
    return run(jdk, jar.toString(), List.of(), javaArguments);
  }


  private List<String> archiveNames() throws IOException {
    if (!Files.isDirectory(archives())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(archives())) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** Where the JVM loaded lab.Greeting from, as its class+load log says. */
  private String greetingSource(Path log) throws IOException {
    return Files.readAllLines(log).stream().filter(line -> line.contains(" lab.Greeting "))
        .findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theFirstRunRecordsAnArchiveThatTheNextRunMaps(Jdk jdk) throws Exception {
    Path firstLog = dir.resolve("first.log");
    Path secondLog = dir.resolve("second.log");

    Run first = run(jdk, "-Xlog:class+load=info:file=" + firstLog, MAIN, "0");
    List<String> recorded = archiveNames();
    Run second = run(jdk, "-Xlog:class+load=info:file=" + secondLog, MAIN, "0");

    assertThat(first.exitCode()).isZero();
    assertThat(first.stdout()).as("the program's own output only").isEqualTo("hello\n");
    assertThat(first.stderr()).matches(jdk.recordingStderrPattern());
    assertThat(second).isEqualTo(new Run(0, "hello\n", ""));
    assertThat(recorded).singleElement().asString().matches(jdk.archivePattern());
    assertThat(greetingSource(firstLog)).contains("source: file:" + jar);
    assertThat(greetingSource(secondLog)).contains(jdk.mappedSource());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aSigtermToTheScriptDuringTheRecordingRunStopsTheJvm(Jdk jdk) throws Exception {
    Process script = start(jdk, jar.toString(), List.of(), MAIN, "wait");
    java.io.BufferedReader out = new java.io.BufferedReader(
        new java.io.InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("hello");
    List<ProcessHandle> jvms = script.descendants().toList();

    script.toHandle().destroy(); // SIGTERM to the script's pid, as kill or a supervisor sends it (streams stay open)

    assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("java-cds finished").isTrue();
    assertThat(out.readLine()).isEqualTo("stopped");
    assertThat(script.exitValue()).isEqualTo(143);
    assertThat(jvms).isNotEmpty().allSatisfy(jvm -> assertThat(jvm.isAlive()).as("JVM " + jvm.pid()).isFalse());
    assertThat(archiveNames()).as("an interrupted recording is not kept").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theRecordingRunReadsTheCallersStdin(Jdk jdk) throws Exception {
    List<String> command = List.of("bash", SCRIPT.toString(), archives().toString(), "hello", jar.toString(), MAIN, "echo");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove("BATCH_LAB_CDS");
    builder.environment().put("JAVA_HOME", jdk.home().toString());
    Process script = builder.start();
    script.getOutputStream().write("yes\n".getBytes(StandardCharsets.UTF_8));
    script.getOutputStream().close();

    String stdout = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(stdout).isEqualTo("hello\nyes\n");
    assertThat(archiveNames()).singleElement().asString().matches(jdk.archivePattern());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void theExitStatusPassesThroughAndAFailedFirstRunKeepsNoArchive(Jdk jdk) throws Exception {
    Run failed = run(jdk, MAIN, "3");

    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(failed.stdout()).isEqualTo("hello\n");
    assertThat(archiveNames()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aCorruptArchiveIsIgnoredSilently(Jdk jdk) throws Exception {
    run(jdk, MAIN, "0");
    Path archive = archives().resolve(archiveNames().get(0));
    archive.toFile().setWritable(true);
    Files.writeString(archive, "not an archive");

    assertThat(run(jdk, MAIN, "0")).isEqualTo(new Run(0, "hello\n", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aRebuiltJarGetsANewArchiveInsteadOfTheOldOne(Jdk jdk) throws Exception {
    Path copy = dir.resolve("hello.jar");
    Files.copy(jar, copy);
    run(jdk, copy.toString(), List.of(), MAIN, "0");
    List<String> before = archiveNames();
    Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));

    run(jdk, copy.toString(), List.of(), MAIN, "0");

    assertThat(archiveNames()).hasSize(1).doesNotContainAnyElementsOf(before);
  }

  @Test
  void eachJdkKeepsItsOwnArchiveSoRunsThatAlternateDoNotRecordAgain() throws Exception {
    Jdk aot = jdk25().orElse(null);
    Assumptions.assumeTrue(aot != null && TESTS_JDK.feature() < 25, "needs a JDK 25 besides the tests' JDK 17-24");
    run(TESTS_JDK, MAIN, "0");
    run(aot, MAIN, "0");

    Run again = run(TESTS_JDK, MAIN, "0");

    assertThat(archiveNames()).hasSize(2).anyMatch(n -> n.endsWith(".jsa")).anyMatch(n -> n.endsWith(".aot"));
    assertThat(again).as("mapped, not recorded again").isEqualTo(new Run(0, "hello\n", ""));
    assertThat(run(aot, MAIN, "0")).isEqualTo(new Run(0, "hello\n", ""));
  }

  @Test
  void aJavaHomeWithoutJavaIsOneLineAndExitStatusTwo() throws Exception {
    Path notAJdk = Files.createDirectories(dir.resolve("not-a-jdk"));

    Run run = run(new Jdk(notAJdk, 0), MAIN, "0");

    assertThat(run).isEqualTo(new Run(2, "", "batch-lab: JAVA_HOME=" + notAJdk
        + " has no bin/java (set it to a JDK 17 or newer, or unset it to use java on PATH)\n"));
  }

  @Test
  void aDirectoryOnTheClassPathRunsPlainJava() throws Exception {
    Run run = run(TESTS_JDK, program.resolve("classes").toString(), List.of(), MAIN, "0");

    assertThat(run).isEqualTo(new Run(0, "hello\n", ""));
    assertThat(archiveNames()).isEmpty();
  }

  @Test
  void offRunsPlainJava() throws Exception {
    Run run = run(TESTS_JDK, jar.toString(), List.of("BATCH_LAB_CDS=off"), MAIN, "0");

    assertThat(run).isEqualTo(new Run(0, "hello\n", ""));
    assertThat(archiveNames()).isEmpty();
  }

  @Test
  void aBadSwitchValueIsOneLineAndExitStatusTwo() throws Exception {
    Run run = run(TESTS_JDK, jar.toString(), List.of("BATCH_LAB_CDS=yes"), MAIN, "0");

    assertThat(run).isEqualTo(new Run(2, "", "batch-lab: BATCH_LAB_CDS=yes is not allowed (allowed: on, off)\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void twoFirstRunsAtOnceBothSucceedAndLeaveOneArchive(Jdk jdk) throws Exception {
    Process first = start(jdk, jar.toString(), List.of(), MAIN, "0");
    Process second = start(jdk, jar.toString(), List.of(), MAIN, "0");

    assertThat(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(List.of(first.exitValue(), second.exitValue())).containsExactly(0, 0);
    assertThat(archiveNames()).singleElement().asString().matches(jdk.archivePattern());
    assertThat(run(jdk, MAIN, "0")).isEqualTo(new Run(0, "hello\n", ""));
  }
}
