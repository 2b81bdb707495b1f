package batchlab.infra;

import batchlab.util.BadInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /** cx-api FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT: false = CDK only writes the report; its caller handles it. */
  static final String VALIDATION_REPORTED_BY_CDK = "@aws-cdk/core:failSynthOnValidationErrors";

  private StackSynthesizer() {}

  /**
   * What CDK's synth-time validation found (CloudFormation schema checks, construct warnings such as an
   * instance type outside the catalogue): an error fails the synthesis, a warning is one line on stderr,
   * as {@code npx cdk synth} shows them. No report means nothing was checked.
   */
  static void reportValidation(Path report) {
    if (!Files.exists(report)) {
      return;
    }
    List<String> errors = new ArrayList<>();
    try {
      for (JsonNode plugin : JSON.readTree(report.toFile()).path("pluginReports")) {
        for (JsonNode violation : plugin.path("violations")) {
          String line = violation.path("ruleName").asText() + ": " + violation.path("description").asText();
          switch (violation.path("severity").asText()) {
            case "error", "fatal" -> errors.add(line);
            default -> System.err.println("batch-lab: warning: " + violation.path("description").asText());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the synth's validation report " + report, e);
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("the synthesized template failed validation: " + String.join("; ", errors));
    }
  }

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
      reportValidation(outdir.resolve(BatchLabApp.STALE_REPORTS.get(0)));
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
    // In this JVM the synth's validation report is read from the output directory (reportValidation), not
    // printed by CDK: its console report points at an output directory that is deleted right after.
    appContext.put(VALIDATION_REPORTED_BY_CDK, false);
    appContext.putAll(context);
    AppProps.Builder props = AppProps.builder().context(appContext);
    outdir.ifPresent(dir -> props.outdir(dir.toString()));
    return BatchLabApp.addStack(new App(props.build()), appContext, environment, project.jobImageDirectory());
  }
}
