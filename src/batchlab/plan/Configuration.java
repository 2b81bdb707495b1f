package batchlab.plan;

import batchlab.batch.AllocationStrategy;
import batchlab.infra.ContextKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One point of the grid: the compute environment settings a deploy would use. */
public record Configuration(int maxVcpus, List<String> instanceTypes, AllocationStrategy strategy, boolean spot) {

  public Configuration {
    instanceTypes = List.copyOf(instanceTypes);
  }

  public String instanceTypesText() {
    return String.join(",", instanceTypes);
  }

  public String purchase() {
    return spot ? "spot" : "on-demand";
  }

  /** The CDK context keys this configuration sets, in the order a deploy line shows them. */
  public Map<String, String> context() {
    Map<String, String> context = new LinkedHashMap<>();
    context.put(ContextKey.MAX_VCPUS.key(), Integer.toString(maxVcpus));
    context.put(ContextKey.INSTANCE_TYPES.key(), instanceTypesText());
    context.put(ContextKey.ALLOCATION_STRATEGY.key(), strategy.name());
    context.put(ContextKey.SPOT.key(), Boolean.toString(spot));
    return context;
  }

  /** The exact command that deploys this configuration, after the user's other {@code -c} values. */
  public String deployCommand(Map<String, String> otherContext) {
    List<String> parts = new ArrayList<>(List.of("npx", "cdk", "deploy"));
    Map<String, String> all = new LinkedHashMap<>(otherContext);
    all.putAll(context());
    all.forEach((key, value) -> {
      parts.add("-c");
      parts.add(key + "=" + value);
    });
    return String.join(" ", parts);
  }
}
