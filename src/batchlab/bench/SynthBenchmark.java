package batchlab.bench;

import batchlab.infra.BatchLabApp;
import batchlab.infra.Directories;
import batchlab.infra.ProjectFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures {@code npx cdk synth} with this project's app command (a, synth cache off), with the stock
 * {@code mvn exec:java} app command (b), and the floor (c): the app's own JVM and jsii without the
 * CLI. (d), the CLI alone on an already synthesized assembly, explains the gap between (a) and (c);
 * (e) is (a) when nothing changed, the synth cache handing back the assembly, to compare with (d).
 * Runs are interleaved so that load from other processes hits every variant alike; medians are
 * reported. All variants synthesize the same stack with the same context and CDK_VALIDATION.
 */
public final class SynthBenchmark {

  static final String STOCK_APP = "mvn -e -q compile exec:java -Dexec.mainClass=" + BatchLabApp.class.getName();
  private static final String OUTDIR = "{outdir}";
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  // The keys `cdk synth` adds to the app's context, so that the floor does the same work as (a).
  private static final Map<String, Object> CLI_CONTEXT = Map.of(
      "aws:cdk:enable-path-metadata", true,
      "aws:cdk:enable-asset-metadata", true,
      "aws:cdk:version-reporting", true,
      "aws:cdk:bundling-stacks", List.of("**"));

  private final ProjectFiles project;
  private final int runs;
  private final boolean includeStock;
  private final boolean validation;
  private final Map<String, String> context;
  private final PrintStream out;

  private SynthBenchmark(Builder builder) {
    if (builder.runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, got " + builder.runs);
    }
    this.project = Objects.requireNonNull(builder.project, "project");
    this.runs = builder.runs;
    this.includeStock = builder.includeStock;
    this.validation = builder.validation;
    this.context = Map.copyOf(builder.context);
    this.out = Objects.requireNonNull(builder.out, "out");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** One way of synthesizing: its command ({@value #OUTDIR} stands for a fresh output directory). */
  public record Variant(String label, List<String> command, Map<String, String> environment, List<Duration> times) {

    public Duration median() {
      List<Duration> sorted = times.stream().sorted().toList();
      int middle = sorted.size() / 2;
      return sorted.size() % 2 == 1
          ? sorted.get(middle)
          : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    public Duration min() {
      return times.stream().min(Duration::compareTo).orElseThrow();
    }
  }

  /** The measured variants; {@code stock} is empty when it was skipped. */
  public record Result(Variant project, List<Variant> stock, Variant floor, Variant cliAlone, Variant cached) {}

  public Result run() throws IOException, InterruptedException {
    Path scratch = Directories.createTemp("batch-lab-bench");
    try {
      Path assembly = scratch.resolve("assembly");
      // The cache keys on the output directory, so (e) writes to the same one every time; its own
      // cache directory keeps the benchmark apart from the user's cache.
      Map<String, String> cache = Map.of("BATCH_LAB_SYNTH_CACHE_DIR", scratch.resolve("synth-cache").toString());
      Variant projectApp = variant("(a) npx cdk synth, app: ./batch-lab cdk-app", cdkSynth(List.of(), OUTDIR),
          Map.of("BATCH_LAB_SYNTH_CACHE", "off"));
      List<Variant> stock = includeStock
          ? List.of(variant("(b) npx cdk synth, app: mvn -e -q compile exec:java",
              cdkSynth(List.of("--app", STOCK_APP), OUTDIR), Map.of()))
          : List.of();
      Variant floor = variant("(c) floor: java -cp ... BatchLabApp, no CLI", floorCommand(),
          Map.of("CDK_OUTDIR", OUTDIR, "CDK_CONTEXT_JSON", cliLikeContextJson()));
      Variant cliAlone = variant("(d) the CLI alone, on an already synthesized assembly",
          List.of("npx", "cdk", "synth", "-q", "--app", assembly.toString()), Map.of());
      Variant cached = variant("(e) (a) with nothing changed: the synth cache hands it back",
          cdkSynth(List.of(), scratch.resolve("cached-out").toString()), cache);

      out.printf("batch-lab bench synth: %d interleaved run(s) of each; context %s; CDK_VALIDATION=%s; load %s%n",
          runs, context, validation, loadAverage());
      // Unmeasured warm-up: fills the OS file cache, writes the assembly that (d) reads and fills
      // the synth cache that (e) reads.
      time(projectApp, scratch, assembly);
      time(cached, scratch, assembly);
      List<Variant> measured = Stream.of(List.of(projectApp), stock, List.of(floor, cliAlone, cached))
          .flatMap(List::stream).toList();
      for (int i = 0; i < runs; i++) {
        for (Variant variant : measured) {
          variant.times().add(time(variant, scratch, Files.createTempDirectory(scratch, "out")));
        }
      }
      Result result = new Result(projectApp, stock, floor, cliAlone, cached);
      report(result);
      return result;
    } finally {
      Directories.deleteQuietly(scratch);
    }
  }

  private void report(Result result) {
    Stream.of(List.of(result.project()), result.stock(), List.of(result.floor(), result.cliAlone(), result.cached()))
        .flatMap(List::stream)
        .forEach(v -> out.printf("  %-58s %6.2f s (min %5.2f s)%n", v.label(), seconds(v.median()), seconds(v.min())));
    double a = seconds(result.project().median());
    double c = seconds(result.floor().median());
    double d = seconds(result.cliAlone().median());
    double e = seconds(result.cached().median());
    StringBuilder ratios = new StringBuilder(String.format("  ratios of medians: a/c %.2fx, e/d %.2fx", a / c, e / d));
    result.stock().forEach(stock -> {
      double b = seconds(stock.median());
      ratios.append(String.format(", b/c %.2fx, b/a %.2fx", b / c, b / a));
    });
    out.println(ratios);
    out.printf("  load at the end: %s%n", loadAverage());
  }

  private Variant variant(String label, List<String> command, Map<String, String> environment) {
    return new Variant(label, command, environment, new ArrayList<>());
  }

  private List<String> cdkSynth(List<String> extraArguments, String outdir) {
    List<String> command = new ArrayList<>(List.of("npx", "cdk", "synth", "-q"));
    command.addAll(extraArguments);
    context.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
    command.addAll(List.of("-o", outdir));
    return command;
  }

  private static List<String> floorCommand() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The JVM options the launcher gave this JVM: the floor gets the same tuning as cdk-app.
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BatchLabApp.class.getName()));
    return command;
  }

  private Duration time(Variant variant, Path scratch, Path outdir) throws IOException, InterruptedException {
    List<String> command = variant.command().stream().map(arg -> arg.replace(OUTDIR, outdir.toString())).toList();
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.root().toFile());
    builder.environment().put("CDK_VALIDATION", Boolean.toString(validation));
    variant.environment().forEach((name, value) -> builder.environment().put(name, value.replace(OUTDIR, outdir.toString())));
    Path stderr = Files.createTempFile(scratch, "stderr", ".txt");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(variant.label() + " did not finish within " + TIMEOUT.toMinutes() + " min");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      throw new IllegalStateException(variant.label() + " exited with " + process.exitValue() + ": "
          + (lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1)));
    }
    return elapsed;
  }

  /** cdk.json's context, the benchmark's, and the CLI's own keys: what `cdk synth` hands the app. */
  private String cliLikeContextJson() {
    Map<String, Object> all = new LinkedHashMap<>(project.cdkJsonContext());
    all.putAll(context);
    all.putAll(CLI_CONTEXT);
    try {
      return new ObjectMapper().writeValueAsString(all);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the context as JSON", e);
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", fields[0], fields[1], fields[2])
          + " on " + Runtime.getRuntime().availableProcessors() + " cores";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** Options of a benchmark run. */
  public static final class Builder {
    private ProjectFiles project;
    private int runs = 3;
    private boolean includeStock = true;
    private boolean validation;
    private Map<String, String> context = Map.of("maxVcpus", "4");
    private PrintStream out = System.out;

    public Builder project(ProjectFiles project) {
      this.project = project;
      return this;
    }

    public Builder runs(int runs) {
      this.runs = runs;
      return this;
    }

    public Builder includeStock(boolean includeStock) {
      this.includeStock = includeStock;
      return this;
    }

    /** Whether CDK's CloudFormation template validation runs (CDK_VALIDATION); off by default, as in cdk-app. */
    public Builder validation(boolean validation) {
      this.validation = validation;
      return this;
    }

    public Builder context(Map<String, String> context) {
      this.context = context;
      return this;
    }

    public Builder out(PrintStream out) {
      this.out = out;
      return this;
    }

    public SynthBenchmark build() {
      return new SynthBenchmark(this);
    }
  }
}
