package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code batch-lab diff --from ... -c ...} on the queue and fair-share keys: each change with the class
 * the update rules give its resource and the exit status. Classification only: the emulator's UpdateStack
 * of a SchedulingPolicy is the emulator's part of issue 15, checked in its own tests.
 */
class FairShareDiffTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "JobQueueCEF19709";
  private static final String HIGH = "Queuehigh";
  private static final String POLICY = "FairSharePolicy";
  private static final String DEFINITION = "JobDefinition1E1E22A5";
  private static final String FAIR = "fairShare=true,shares=teamA:1,teamB:0.5";

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("", "queues=high:10", HIGH, "ADDED", 0),
        Arguments.of("queues=high:10", "", HIGH, "REMOVED", 3),
        Arguments.of("queues=high:10", "queues=high:20", HIGH, "IN_PLACE", 0),
        Arguments.of("queues=high:10", "queues=top:10", "Queuetop", "ADDED", 3),
        Arguments.of("", "fairShare=true", POLICY, "ADDED", 4),
        Arguments.of("", "fairShare=true", QUEUE, "FAILURE", 4),
        Arguments.of("fairShare=true", "", QUEUE, "FAILURE", 4),
        Arguments.of(FAIR, "fairShare=true,shares=teamA:1,teamB:0.125", POLICY, "IN_PLACE", 0),
        Arguments.of(FAIR, FAIR + ",shareDecaySeconds=600", POLICY, "IN_PLACE", 0),
        Arguments.of(FAIR, FAIR + ",computeReservation=50", POLICY, "IN_PLACE", 0),
        Arguments.of(FAIR, FAIR + ",queues=high:10", HIGH, "ADDED", 0),
        Arguments.of(FAIR, FAIR + ",schedulingPriority=5", DEFINITION, "NEW_REVISION", 0));
  }

  @ParameterizedTest(name = "--from {0} -c {1}: {2} {3}, exit {4}")
  @MethodSource("changes")
  void diffClassifiesTheChange(String from, String to, String resource, String kind, int exit) throws Exception {
    List<String> args = new ArrayList<>(List.of("diff", "--json"));
    contextArgs(args, "--from", from);
    contextArgs(args, "-c", to);
    Cli diff = Cli.run(args.toArray(String[]::new));

    assertThat(diff.err()).isEmpty();
    assertThat(diff.exitCode()).isEqualTo(exit);
    JsonNode report = JSON.readTree(diff.out());
    List<String> kinds = new ArrayList<>();
    report.path("changes").forEach(c -> kinds.add(c.path("logicalId").asText() + " " + c.path("kind").asText()));
    assertThat(kinds).anyMatch(k -> k.startsWith(resource) && k.endsWith(" " + kind));
  }

  private static void contextArgs(List<String> args, String option, String context) {
    if (context.isEmpty()) {
      return;
    }
    // "shares=teamA:1,teamB:0.5" holds a comma, so split only where a new KEY= starts.
    for (String pair : context.split(",(?=[A-Za-z]+=)")) {
      args.add(option);
      args.add(pair);
    }
  }
}
