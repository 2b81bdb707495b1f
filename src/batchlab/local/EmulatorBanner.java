package batchlab.local;

import java.util.List;

/** What {@code batch-lab local} prints once the emulator serves: where, what, and how to try it. */
public final class EmulatorBanner {

  private EmulatorBanner() {}

  public static String render(BatchEmulator emulator) {
    StringBuilder out = new StringBuilder();
    String endpoint = emulator.endpoint().toString();
    out.append("batch-lab local: AWS Batch emulator serving on ").append(endpoint).append('\n');
    out.append("  region   ").append(emulator.region()).append("   clock ").append(emulator.speed())
        .append(" (virtual time now ").append(emulator.now()).append(")\n");
    LoadedStack stack = emulator.stack();
    if (stack != null) {
      out.append("  stack    ").append(stack.stackName()).append('\n');
      for (LoadedStack.Output output : stack.outputs()) {
        out.append(String.format("  %-24s %s%n", output.key(), output.value()));
      }
      String queue = stack.output("JobQueueName").orElse("<queue>");
      String definition = stack.output("JobDefinitionName").orElse("<job-definition>");
      out.append("Try it (dummy credentials are fine, e.g. AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x):\n");
      for (String line : List.of(
          "aws batch submit-job --endpoint-url " + endpoint + " --region " + emulator.region()
              + " --job-name my-batch-job-1 --job-queue " + queue + " --job-definition " + definition
              + emulator.exampleShare(queue).map(share -> " --share-identifier " + share).orElse(""),
          "aws batch list-jobs --endpoint-url " + endpoint + " --region " + emulator.region()
              + " --job-queue " + queue + " --job-status RUNNABLE")) {
        out.append("  ").append(line).append('\n');
      }
    }
    out.append("Press Ctrl-C to stop.\n");
    return out.toString();
  }
}
