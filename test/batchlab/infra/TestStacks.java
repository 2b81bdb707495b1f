package batchlab.infra;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Template;

/**
 * Shared synthesized stacks for the tests, each context synthesized once per JVM: the first
 * synthesis costs seconds (jsii start), later ones a fraction of a second.
 */
final class TestStacks {

  private static final Map<Map<String, String>, Template> TEMPLATES = new ConcurrentHashMap<>();

  private TestStacks() {}

  /** The CDK assertions view of the template {@link StackSynthesizer} produces for {@code context}. */
  static Template template(Map<String, String> context) {
    return TEMPLATES.computeIfAbsent(Map.copyOf(context),
        c -> Template.fromString(StackSynthesizer.synthesize(c).templateJson()));
  }

  /** A stack object (for aspects and annotations) in a fresh app with cdk.json's feature flags. */
  static BatchLabStack newStack(Map<String, ?> context, Optional<Environment> environment) {
    return StackSynthesizer.newStack(context, environment, Optional.empty());
  }
}
