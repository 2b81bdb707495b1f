package batchlab.local;

import batchlab.experiment.LabWorkload;
import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import java.util.Map;

/** Emulator builders for tests: the lab's stack synthesized in-process, served with the lab's workload model. */
public final class LabEmulators {

  private LabEmulators() {}

  /** The batch-lab stack synthesized with this CDK context ({@code Map.of()} for the article's settings). */
  public static BatchEmulator.Builder synthesized(Map<String, String> context) {
    SynthesizedStack stack = StackSynthesizer.synthesize(context);
    return template(stack.templateJson(), stack.stackName());
  }

  /** A template served as stack {@code stackName}. */
  public static BatchEmulator.Builder template(String templateJson, String stackName) {
    return BatchEmulator.builder().templateJson(templateJson).stackName(stackName).workload(LabWorkload.DEFAULT);
  }
}
