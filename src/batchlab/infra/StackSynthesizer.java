package batchlab.infra;

import batchlab.util.BadInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
   * Synthesizes with {@code context} as {@code -c key=value} pairs would give it, on top of cdk.json's
   * context (feature flags), so the template is the one {@code cdk synth} produces, minus the CLI's
   * metadata (CDKMetadata resource, aws:cdk:path).
   *
   * @throws BadInputException on a bad context value
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
    Path outdir = Directories.createTemp("batch-lab-synth");
    try {
      BatchLabStack stack = newStack(context, environment, Optional.of(outdir));
      CloudAssembly assembly = ((App) stack.getNode().getRoot()).synth();
      Object template = assembly.getStackArtifact(stack.getArtifactId()).getTemplate();
      return new SynthesizedStack(stack.getStackName(), JSON.writeValueAsString(template));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the synthesized template as JSON", e);
    } finally {
      Directories.deleteQuietly(outdir);
    }
  }

  /**
   * The stack in a fresh app whose context is cdk.json's overlaid with {@code context}, as the CLI
   * builds it; without {@code outdir}, CDK picks a temporary one.
   */
  static BatchLabStack newStack(Map<String, ?> context, Optional<Environment> environment, Optional<Path> outdir) {
    ProjectFiles project = ProjectFiles.locate();
    Map<String, Object> appContext = new HashMap<>(project.cdkJsonContext());
    appContext.putAll(context);
    AppProps.Builder props = AppProps.builder().context(appContext);
    outdir.ifPresent(dir -> props.outdir(dir.toString()));
    return BatchLabApp.addStack(new App(props.build()), appContext, environment, project.jobImageDirectory());
  }
}
