package batchlab.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * Synthesizes the batch-lab stack in this JVM, without the CDK CLI, for the emulator and the tests.
 * The first synthesis starts the jsii runtime (seconds); later ones take a fraction of a second, and
 * a context already synthesized is answered from a cache.
 */
public final class StackSynthesizer {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Map<Map<String, String>, SynthesizedStack> CACHE = new ConcurrentHashMap<>();

  private StackSynthesizer() {}

  /**
   * Synthesizes with {@code context} as {@code -c key=value} pairs would give it.
   *
   * @throws SettingsException on a bad context value
   */
  public static SynthesizedStack synthesize(Map<String, String> context) {
    Map<String, String> key = Map.copyOf(context);
    SynthesizedStack cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    // One synthesis at a time: the jsii runtime is one child process shared by the whole JVM.
    synchronized (StackSynthesizer.class) {
      return CACHE.computeIfAbsent(key, k -> synthesizeUncached(k, Environments.fromCdkCli()));
    }
  }

  static SynthesizedStack synthesizeUncached(Map<String, String> context, Optional<Environment> environment) {
    Path outdir = createTempDirectory();
    try {
      App app = new App(AppProps.builder().outdir(outdir.toString()).context(new HashMap<>(context)).build());
      BatchLabStack stack = BatchLabApp.addStack(app, context, environment);
      CloudAssembly assembly = app.synth();
      Object template = assembly.getStackArtifact(stack.getArtifactId()).getTemplate();
      return new SynthesizedStack(stack.getStackName(), JSON.writeValueAsString(template));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the synthesized template as JSON", e);
    } finally {
      deleteRecursively(outdir);
    }
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("batch-lab-synth");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary cdk.out directory", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temp directory is harmless; the synthesis result is what matters.
    }
  }
}
