package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The article's swap (maxVcpus 4 to 20) must be a scaling update: in place, fast, no instance
 * replaced. That holds only if the two templates differ in the compute environment's MaxvCpus alone.
 */
class MaxVcpusChangeTest {

  @Test
  void templatesForMaxVcpus4And20DifferOnlyInTheComputeEnvironmentsMaxvCpus() throws Exception {
    JsonNode four = json(Map.of("maxVcpus", "4"));
    JsonNode twenty = json(Map.of("maxVcpus", "20"));
    String environment = logicalIdOf(four, "AWS::Batch::ComputeEnvironment");

    List<String> differences = new ArrayList<>();
    collectDifferences("", four, twenty, differences);

    String maxvCpus = "/Resources/" + environment + "/Properties/ComputeResources/MaxvCpus";
    assertThat(differences).containsExactly(maxvCpus + ": 4 -> 20");
  }

  @Test
  void differenceFinderReportsEveryChangedLeafAndMissingKey() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<String> differences = new ArrayList<>();

    collectDifferences("", mapper.readTree("{\"a\":{\"b\":1,\"c\":[1,2]},\"d\":1}"),
        mapper.readTree("{\"a\":{\"b\":2,\"c\":[1,3]},\"e\":1}"), differences);

    assertThat(differences).containsExactly("/a/b: 1 -> 2", "/a/c/1: 2 -> 3", "/d: 1 -> (missing)",
        "/e: (missing) -> 1");
  }

  private static JsonNode json(Map<String, String> context) throws Exception {
    return new ObjectMapper().readTree(StackSynthesizer.synthesize(context).templateJson());
  }

  private static String logicalIdOf(JsonNode template, String type) {
    return template.get("Resources").properties().stream()
        .filter(resource -> type.equals(resource.getValue().path("Type").asText()))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no resource of type " + type));
  }

  /** Every JSON pointer where the trees differ, with both values; objects and arrays are walked. */
  private static void collectDifferences(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a != null && b != null && a.isContainerNode() && a.getNodeType() == b.getNodeType()) {
      TreeSet<String> keys = new TreeSet<>();
      if (a.isObject()) {
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        keys.forEach(k -> collectDifferences(path + "/" + k, a.get(k), b.get(k), out));
      } else {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
          collectDifferences(path + "/" + i, a.get(i), b.get(i), out);
        }
      }
    } else if (a == null || !a.equals(b)) {
      out.add(path + ": " + (a == null ? "(missing)" : a) + " -> " + (b == null ? "(missing)" : b));
    }
  }
}
