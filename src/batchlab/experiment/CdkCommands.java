package batchlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The project's pinned CDK CLI commands for the aws target, as argument lists (no shell, so context
 * values need no quoting). {@code npx cdk} runs the CLI version package.json pins.
 *
 * @param context the user's {@code -c} values, passed on to every command so the app synthesizes the
 *     same stack each time (same stack name, same settings); maxVcpus is added per deploy
 */
public record CdkCommands(Map<String, String> context) {

  private static final List<String> CDK = List.of("npx", "cdk");

  public CdkCommands {
    context = Map.copyOf(Objects.requireNonNull(context, "context"));
  }

  /**
   * {@code npx cdk deploy -c maxVcpus=V [-c k=v ...] --require-approval never}: a maxVcpus-only change
   * is an in-place scaling update of the compute environment; no approval prompt because the
   * experiment asked for confirmation already.
   */
  public List<String> deploy(int maxVcpus) {
    return deploy(maxVcpus, Map.of());
  }

  /** {@link #deploy(int)} with {@code extra} keys after the user's (a scenario's second phase). */
  public List<String> deploy(int maxVcpus, Map<String, String> extra) {
    List<String> command = new ArrayList<>(CDK);
    command.add("deploy");
    command.add("-c");
    command.add(ExperimentSettings.MAX_VCPUS_KEY + "=" + maxVcpus);
    addContext(command);
    extra.forEach((key, value) -> {
      command.add("-c");
      command.add(key + "=" + value);
    });
    command.add("--require-approval");
    command.add("never");
    return List.copyOf(command);
  }

  /** {@code npx cdk destroy --force [-c k=v ...]}: no prompt, same context so the same stack is found. */
  public List<String> destroy() {
    List<String> command = new ArrayList<>(CDK);
    command.add("destroy");
    command.add("--force");
    addContext(command);
    return List.copyOf(command);
  }

  private void addContext(List<String> command) {
    context.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          command.add("-c");
          command.add(e.getKey() + "=" + e.getValue());
        });
  }
}
