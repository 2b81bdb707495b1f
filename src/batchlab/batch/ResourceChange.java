package batchlab.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One resource an update touches, judged by {@link UpdateRules}.
 *
 * @param kind what happens to the resource as a whole
 * @param consequence one line in Batch terms, e.g. "scaling update: in place, running jobs unaffected"
 * @param failure why the update fails (CloudFormation's or Batch's reason); null unless kind is FAILURE
 * @param properties the changed properties, in template order
 */
public record ResourceChange(String logicalId, String type, UpdateKind kind, String consequence, String failure,
    List<Property> properties) {

  public ResourceChange {
    properties = List.copyOf(properties);
  }

  /**
   * One changed property: a top-level property, or {@code ComputeResources.<Setting>} /
   * {@code ContainerProperties.<Setting>}; before or after is null when it is added or removed.
   *
   * @param repointed true when the value is unchanged in the template but resolves differently because
   *     a resource it refers to is replaced (a queue re-pointed to the new compute environment)
   */
  public record Property(String path, JsonNode before, JsonNode after, UpdateRules.PropertyRule rule,
      boolean repointed) {}

  /** The paths of the changed properties. */
  public List<String> paths() {
    return properties.stream().map(Property::path).toList();
  }
}
