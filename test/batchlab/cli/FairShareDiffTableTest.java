package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.ResourceChange;
import batchlab.batch.StackChanges;
import batchlab.batch.TemplateDiff;
import batchlab.batch.UpdateKind;
import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import batchlab.local.BatchEmulator;
import batchlab.local.LabEmulators;
import batchlab.local.Speed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.FairsharePolicy;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code batch-lab diff --from ... -c ...} on the queue and fair-share keys: each change with the class
 * the update rules give its resource and the exit status; then the same change applied to the emulator
 * with UpdateStack (through the SDK, MANUAL clock) while a job runs, to check the emulator does what the
 * diff says: a failure rolls back with the diff's reason, anything else reaches the new template.
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

  @ParameterizedTest(name = "--from {0} -c {1}: the emulator's UpdateStack agrees ({2} {3})")
  @MethodSource("changes")
  void theEmulatorsUpdateStackDoesWhatTheDiffSays(String from, String to, String resource, String kind, int exit)
      throws Exception {
    SynthesizedStack before = StackSynthesizer.synthesize(context(from));
    SynthesizedStack after = StackSynthesizer.synthesize(context(to));
    String stack = before.stackName();
    StackChanges planned = TemplateDiff.compare(JSON.readTree(before.templateJson()), JSON.readTree(after.templateJson()));
    try (BatchEmulator emulator = LabEmulators.template(before.templateJson(), stack).speed(Speed.MANUAL).seed(3)
        .build().start();
        DiffTableTest.Clients clients = new DiffTableTest.Clients(emulator.endpoint())) {
      Map<String, String> idsBefore = physicalIds(clients.cfn, stack);
      String job = submitRunningJob(emulator, clients.batch, from);

      clients.cfn.updateStack(r -> r.stackName(stack).templateBody(after.templateJson()));
      String status = DiffTableTest.awaitStack(emulator, clients.cfn, stack);

      Map<String, String> idsAfter = physicalIds(clients.cfn, stack);
      if (exit == 4) {
        ResourceChange failed = planned.resources().stream().filter(c -> c.kind() == UpdateKind.FAILURE)
            .findFirst().orElseThrow();
        assertThat(status).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(clients.cfn.describeStackEvents(r -> r.stackName(stack)).stackEvents())
            .filteredOn(e -> e.resourceStatusAsString().equals("UPDATE_FAILED"))
            .extracting(e -> e.logicalResourceId() + ": " + e.resourceStatusReason())
            .containsExactly(failed.logicalId() + ": " + failed.failure());
        assertThat(idsAfter).isEqualTo(idsBefore);
        assertThat(JSON.readTree(clients.cfn.getTemplate(r -> r.stackName(stack)).templateBody()))
            .isEqualTo(JSON.readTree(before.templateJson()));
        // A policy created before the failing queue is deleted again on rollback.
        assertThat(policyArns(clients.batch)).containsExactlyInAnyOrderElementsOf(policiesOf(before, idsBefore));
        assertReaches(clients.batch, JSON.readTree(before.templateJson()), idsBefore);
      } else {
        assertThat(status).isEqualTo("UPDATE_COMPLETE");
        String logicalId = idsAfter.keySet().stream().filter(id -> id.startsWith(resource)).findFirst()
            .orElseGet(() -> idsBefore.keySet().stream().filter(id -> id.startsWith(resource)).findFirst().orElseThrow());
        switch (kind) {
          case "ADDED" -> assertThat(idsBefore).doesNotContainKey(logicalId);
          case "REMOVED" -> {
            assertThat(idsAfter).doesNotContainKey(logicalId);
            assertThat(clients.batch.describeJobQueues(r -> r.jobQueues(idsBefore.get(logicalId))).jobQueues())
                .isEmpty();
          }
          case "IN_PLACE" -> assertThat(idsAfter.get(logicalId)).isEqualTo(idsBefore.get(logicalId));
          case "NEW_REVISION" -> assertThat(idsAfter.get(logicalId)).isNotEqualTo(idsBefore.get(logicalId));
          default -> throw new AssertionError("no emulator check for " + kind);
        }
        assertThat(policyArns(clients.batch)).containsExactlyInAnyOrderElementsOf(policiesOf(after, idsAfter));
        assertReaches(clients.batch, JSON.readTree(after.templateJson()), idsAfter);
      }
      emulator.awaitJobsDone(Duration.ofSeconds(30));
      assertThat(clients.batch.describeJobs(r -> r.jobs(job)).jobs().get(0).status()).isEqualTo(JobStatus.SUCCEEDED);
    }
  }

  @Test
  void aNewPolicyNameReplacesThePolicyRepointsTheQueuesAndDeletesTheOldOne() throws Exception {
    SynthesizedStack before = StackSynthesizer.synthesize(context(FAIR + ",queues=high:10"));
    String stack = before.stackName();
    ObjectNode after = (ObjectNode) JSON.readTree(before.templateJson());
    String policyId = after.path("Resources").propertyStream().map(Map.Entry::getKey)
        .filter(id -> id.startsWith(POLICY)).findFirst().orElseThrow();
    ((ObjectNode) after.path("Resources").path(policyId).path("Properties")).put("Name", "teams-v2");

    StackChanges planned = TemplateDiff.compare(JSON.readTree(before.templateJson()), after);
    assertThat(planned.resources()).extracting(c -> c.logicalId().substring(0, 8) + " " + c.kind())
        .containsExactlyInAnyOrder(policyId.substring(0, 8) + " REPLACEMENT", "JobQueue IN_PLACE", "Queuehig IN_PLACE");

    try (BatchEmulator emulator = LabEmulators.template(before.templateJson(), stack).speed(Speed.MANUAL).seed(3)
        .build().start();
        DiffTableTest.Clients clients = new DiffTableTest.Clients(emulator.endpoint())) {
      Map<String, String> idsBefore = physicalIds(clients.cfn, stack);
      String job = submitRunningJob(emulator, clients.batch, FAIR);

      clients.cfn.updateStack(r -> r.stackName(stack).templateBody(after.toString()));
      assertThat(DiffTableTest.awaitStack(emulator, clients.cfn, stack)).isEqualTo("UPDATE_COMPLETE");

      Map<String, String> idsAfter = physicalIds(clients.cfn, stack);
      assertThat(idsAfter.get(policyId)).endsWith(":scheduling-policy/teams-v2");
      assertThat(policyArns(clients.batch)).containsExactly(idsAfter.get(policyId));
      assertReaches(clients.batch, after, idsAfter);
      // The queues were re-pointed in place, so the job that was waiting or running is still there.
      assertThat(idsAfter).containsAllEntriesOf(Map.of("JobQueueCEF19709", idsBefore.get("JobQueueCEF19709")));
      emulator.awaitJobsDone(Duration.ofSeconds(30));
      assertThat(clients.batch.describeJobs(r -> r.jobs(job)).jobs().get(0).status()).isEqualTo(JobStatus.SUCCEEDED);
    }
  }

  /** One job on the default queue, RUNNING when the update starts (with a share on a fair-share queue). */
  private static String submitRunningJob(BatchEmulator emulator, BatchClient batch, String from) {
    String queue = emulator.stack().output("JobQueueArn").orElseThrow();
    String definition = emulator.stack().output("JobDefinitionArn").orElseThrow();
    boolean fair = context(from).containsKey("fairShare");
    String job = batch.submitJob(r -> {
      r.jobName("running").jobQueue(queue).jobDefinition(definition);
      if (fair) {
        r.shareIdentifier("teamA").schedulingPriorityOverride(1);
      }
    }).jobId();
    emulator.advance(Duration.ofMinutes(2));
    assertThat(batch.describeJobs(r -> r.jobs(job)).jobs().get(0).status()).isEqualTo(JobStatus.RUNNING);
    return job;
  }

  /**
   * The emulator holds what {@code template} says: each queue's priority and policy (the policy resource's
   * physical id, or none), each policy's FairsharePolicy (AWS's defaults for what is left out).
   */
  private static void assertReaches(BatchClient batch, JsonNode template, Map<String, String> ids) {
    for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
      JsonNode props = resource.getValue().path("Properties");
      String id = ids.get(resource.getKey());
      switch (resource.getValue().path("Type").asText()) {
        case "AWS::Batch::JobQueue" -> {
          JobQueueDetail queue = batch.describeJobQueues(r -> r.jobQueues(id)).jobQueues().get(0);
          assertThat(queue.priority()).as(resource.getKey()).isEqualTo(props.path("Priority").asInt());
          JsonNode policyRef = props.path("SchedulingPolicyArn").path("Fn::GetAtt").path(0);
          assertThat(queue.schedulingPolicyArn()).as(resource.getKey())
              .isEqualTo(policyRef.isMissingNode() ? null : ids.get(policyRef.asText()));
        }
        case "AWS::Batch::SchedulingPolicy" -> {
          FairsharePolicy actual = batch.describeSchedulingPolicies(r -> r.arns(id)).schedulingPolicies().get(0)
              .fairsharePolicy();
          JsonNode expected = props.path("FairsharePolicy");
          assertThat(actual.shareDecaySeconds()).isEqualTo(expected.path("ShareDecaySeconds").asInt(0));
          assertThat(actual.computeReservation()).isEqualTo(expected.path("ComputeReservation").asInt(0));
          List<String> shares = new ArrayList<>();
          expected.path("ShareDistribution").forEach(s -> shares.add(s.path("ShareIdentifier").asText() + ":"
              + s.path("WeightFactor").asDouble()));
          assertThat(actual.shareDistribution()).extracting(s -> s.shareIdentifier() + ":" + s.weightFactor())
              .containsExactlyElementsOf(shares);
        }
        default -> { }
      }
    }
  }

  private static Map<String, String> physicalIds(CloudFormationClient cfn, String stack) {
    Map<String, String> ids = new LinkedHashMap<>();
    cfn.describeStackResources(r -> r.stackName(stack)).stackResources()
        .forEach(r -> ids.put(r.logicalResourceId(), r.physicalResourceId()));
    return ids;
  }

  private static List<String> policyArns(BatchClient batch) {
    return batch.listSchedulingPolicies(r -> { }).schedulingPolicies().stream().map(p -> p.arn()).toList();
  }

  private static List<String> policiesOf(SynthesizedStack stack, Map<String, String> ids) throws Exception {
    List<String> arns = new ArrayList<>();
    JSON.readTree(stack.templateJson()).path("Resources").properties().forEach(r -> {
      if (r.getValue().path("Type").asText().equals("AWS::Batch::SchedulingPolicy")) {
        arns.add(ids.get(r.getKey()));
      }
    });
    return arns;
  }

  private static Map<String, String> context(String context) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!context.isEmpty()) {
      for (String pair : context.split(",(?=[A-Za-z]+=)")) {
        values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    return values;
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
