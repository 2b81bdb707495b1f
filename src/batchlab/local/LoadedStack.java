package batchlab.local;

import java.util.List;
import java.util.Map;

/**
 * The stack the emulator was configured from: its name and id as CloudFormation would report them,
 * the template's Outputs with intrinsic functions resolved, and the physical names given to the
 * template's resources.
 *
 * @param outputs OutputKey to resolved value, in template order
 * @param physicalIds logical id to physical id (Ref value) for every resource of the template
 */
public record LoadedStack(
    String stackName, String stackId, long createdAt, List<Output> outputs, Map<String, String> physicalIds) {

  /** One stack output as DescribeStacks returns it. */
  public record Output(String key, String value, String description, String exportName) {}

  /** The value of output {@code key}, or empty when the template has no such output. */
  public java.util.Optional<String> output(String key) {
    return outputs.stream().filter(o -> o.key().equals(key)).map(Output::value).findFirst();
  }
}
