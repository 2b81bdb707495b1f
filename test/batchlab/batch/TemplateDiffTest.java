package batchlab.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The update rules on small hand-written templates: the cases no context key of the lab's stack reaches. */
class TemplateDiffTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A compute environment (with extra top-level JSON properties) and a queue pointing at it. */
  static JsonNode template(String ceExtra, String types, String strategy) throws Exception {
    return JSON.readTree("""
        {"Resources": {
          "Ce": {"Type": "AWS::Batch::ComputeEnvironment", "Properties": {%s
            "Type": "managed",
            "ComputeResources": {"Type": "SPOT", "MaxvCpus": 4, "InstanceTypes": [%s], "AllocationStrategy": "%s"}}},
          "Queue": {"Type": "AWS::Batch::JobQueue", "Properties": {"Priority": 1,
            "ComputeEnvironmentOrder": [{"Order": 1, "ComputeEnvironment": {"Fn::GetAtt": ["Ce", "ComputeEnvironmentArn"]}}]}}
        }}""".formatted(ceExtra, types, strategy));
  }

  @Test
  void byDefaultCloudFormationReplacesTheEnvironmentForAnInstanceTypeChangeAndRepointsTheQueue() throws Exception {
    StackChanges changes = TemplateDiff.compare(template("", "\"m7i.large\"", "BEST_FIT_PROGRESSIVE"),
        template("", "\"c7i.large\"", "BEST_FIT_PROGRESSIVE"));

    assertThat(changes.resource("Ce").orElseThrow().kind()).isEqualTo(UpdateKind.REPLACEMENT);
    assertThat(changes.resource("Ce").orElseThrow().consequence()).startsWith("replacement: new compute environment, "
        + "queue re-pointed").endsWith("(ReplaceComputeEnvironment is true)");
    ResourceChange queue = changes.resource("Queue").orElseThrow();
    assertThat(queue.kind()).isEqualTo(UpdateKind.IN_PLACE);
    assertThat(queue.consequence()).isEqualTo("in place: re-pointed to the new compute environment");
    assertThat(queue.properties()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("ComputeEnvironmentOrder");
      assertThat(p.repointed()).isTrue();
    });
    assertThat(changes.interruptsRunningWork()).isTrue();
    assertThat(changes.fails()).isFalse();
  }

  @Test
  void withReplaceComputeEnvironmentFalseItIsAnInfrastructureUpdateUnderTheUpdatePolicy() throws Exception {
    String policy = "\"ReplaceComputeEnvironment\": false, \"UpdatePolicy\": {\"TerminateJobsOnUpdate\": true},";
    ResourceChange ce = TemplateDiff.compare(template(policy, "\"m7i.large\"", "SPOT_CAPACITY_OPTIMIZED"),
        template(policy, "\"c7i.large\"", "SPOT_CAPACITY_OPTIMIZED")).resource("Ce").orElseThrow();

    assertThat(ce.kind()).isEqualTo(UpdateKind.INFRASTRUCTURE);
    assertThat(ce.consequence()).isEqualTo("infrastructure update: instances replaced; running jobs terminated at "
        + "once (UpdatePolicy TerminateJobsOnUpdate true)");
  }

  @Test
  void aCustomServiceRoleMakesTheInfrastructureUpdateFail() throws Exception {
    String role = "\"ReplaceComputeEnvironment\": false, \"ServiceRole\": \"arn:aws:iam::1:role/my-batch-role\",";
    ResourceChange ce = TemplateDiff.compare(template(role, "\"m7i.large\"", "BEST_FIT_PROGRESSIVE"),
        template(role, "\"c7i.large\"", "BEST_FIT_PROGRESSIVE")).resource("Ce").orElseThrow();

    assertThat(ce.kind()).isEqualTo(UpdateKind.FAILURE);
    assertThat(ce.failure()).startsWith("Infrastructure updates need the service-linked role AWSServiceRoleForBatch, "
        + "not serviceRole arn:aws:iam::1:role/my-batch-role");
  }

  @Test
  void aFixedNameThatMustBeReplacedFailsButANewNameIsAReplacement() throws Exception {
    JsonNode named = template("\"ComputeEnvironmentName\": \"lab\",", "\"m7i.large\"", "BEST_FIT_PROGRESSIVE");
    JsonNode renamed = template("\"ComputeEnvironmentName\": \"lab2\",", "\"m7i.large\"", "BEST_FIT_PROGRESSIVE");
    JsonNode upperCase = JSON.readTree(named.toString().replace("\"managed\"", "\"MANAGED\""));

    assertThat(TemplateDiff.compare(named, upperCase).resource("Ce").orElseThrow().failure()).isEqualTo(
        "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename lab and update "
            + "the stack again.");
    assertThat(TemplateDiff.compare(named, renamed).resource("Ce").orElseThrow().kind())
        .isEqualTo(UpdateKind.REPLACEMENT);
  }

  @Test
  void anIdenticalTemplateHasNoChangesAndCdkMetadataIsIgnored() throws Exception {
    JsonNode before = template("", "\"m7i.large\"", "BEST_FIT_PROGRESSIVE");
    JsonNode after = before.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) after.get("Resources")).putObject("CDKMetadata")
        .put("Type", "AWS::CDK::Metadata");

    assertThat(TemplateDiff.compare(before, after).empty()).isTrue();
  }

  /** A FIFO or fair-share queue ({@code queuePolicy}: its SchedulingPolicyArn, or empty) and policies. */
  static JsonNode fairShareTemplate(String queueExtra, String queuePolicy, String policies) throws Exception {
    String arn = queuePolicy.isEmpty() ? "" : ", \"SchedulingPolicyArn\": {\"Fn::GetAtt\": [\"" + queuePolicy + "\", \"Arn\"]}";
    return JSON.readTree("""
        {"Resources": {
          %s
          "Queue": {"Type": "AWS::Batch::JobQueue", "Properties": {%s"Priority": 1,
            "ComputeEnvironmentOrder": [{"Order": 1, "ComputeEnvironment": "arn:aws:batch:us-east-1:1:compute-environment/ce"}]%s}}
        }}""".formatted(policies, queueExtra, arn));
  }

  static String policy(String id, String extra, double teamBWeight) {
    return """
        "%s": {"Type": "AWS::Batch::SchedulingPolicy", "Properties": {%s"FairsharePolicy": {"ShareDecaySeconds": 600,
          "ShareDistribution": [{"ShareIdentifier": "teamA", "WeightFactor": 1}, {"ShareIdentifier": "teamB", "WeightFactor": %s}]}}},
        """.formatted(id, extra, teamBWeight);
  }

  @Test
  void aFifoQueueCannotGetAPolicyInPlaceSoTheUpdateFails() throws Exception {
    StackChanges changes = TemplateDiff.compare(fairShareTemplate("", "", ""),
        fairShareTemplate("", "Policy", policy("Policy", "", 0.5)));

    assertThat(changes.resource("Policy").orElseThrow().kind()).isEqualTo(UpdateKind.ADDED);
    ResourceChange queue = changes.resource("Queue").orElseThrow();
    assertThat(queue.kind()).isEqualTo(UpdateKind.FAILURE);
    assertThat(queue.failure()).isEqualTo("A job queue without a fair-share scheduling policy (FIFO) can't have one "
        + "added (CreateJobQueue schedulingPolicyArn); create a new queue instead (a new logical id)");
    assertThat(changes.fails()).isTrue();
  }

  @Test
  void aQueuesPolicyCannotBeRemovedSoTheUpdateFails() throws Exception {
    StackChanges changes = TemplateDiff.compare(fairShareTemplate("", "Policy", policy("Policy", "", 0.5)),
        fairShareTemplate("", "", ""));

    assertThat(changes.resource("Queue").orElseThrow().failure()).isEqualTo("A job queue's fair-share scheduling "
        + "policy can be replaced but not removed (UpdateJobQueue schedulingPolicyArn); create a new queue instead "
        + "(a new logical id)");
    assertThat(changes.resource("Policy").orElseThrow().kind()).isEqualTo(UpdateKind.REMOVED);
    assertThat(changes.resource("Policy").orElseThrow().consequence())
        .isEqualTo("removed: the scheduling policy is deleted");
    assertThat(changes.fails()).isTrue();
  }

  @Test
  void aQueueMaySwitchToAnotherPolicyInPlace() throws Exception {
    String both = policy("Old", "", 0.5) + policy("New", "", 0.25);
    ResourceChange queue = TemplateDiff.compare(fairShareTemplate("", "Old", both), fairShareTemplate("", "New", both))
        .resource("Queue").orElseThrow();

    assertThat(queue.kind()).isEqualTo(UpdateKind.IN_PLACE);
    assertThat(queue.properties()).extracting(ResourceChange.Property::path).containsExactly("SchedulingPolicyArn");
  }

  @Test
  void aNewQueueMayStartWithAPolicyWhenTheOldFifoQueueIsReplaced() throws Exception {
    ResourceChange queue = TemplateDiff.compare(fairShareTemplate("\"JobQueueName\": \"fifo\",", "", ""),
        fairShareTemplate("\"JobQueueName\": \"fair\",", "Policy", policy("Policy", "", 0.5)))
        .resource("Queue").orElseThrow();

    assertThat(queue.kind()).isEqualTo(UpdateKind.REPLACEMENT);
  }

  @Test
  void newWeightsDecayOrReservationUpdateThePolicyInPlaceAndLeaveTheQueueAlone() throws Exception {
    StackChanges changes = TemplateDiff.compare(fairShareTemplate("", "Policy", policy("Policy", "", 0.5)),
        fairShareTemplate("", "Policy", policy("Policy", "", 0.125)));

    ResourceChange policy = changes.resource("Policy").orElseThrow();
    assertThat(policy.kind()).isEqualTo(UpdateKind.IN_PLACE);
    assertThat(policy.properties()).extracting(ResourceChange.Property::path).containsExactly("FairsharePolicy");
    assertThat(changes.resource("Queue")).isEmpty();
    assertThat(changes.fails()).isFalse();
    assertThat(changes.interruptsRunningWork()).isFalse();
  }

  @Test
  void aRenamedPolicyIsReplacedAndItsQueueRepointedInPlace() throws Exception {
    StackChanges changes = TemplateDiff.compare(
        fairShareTemplate("", "Policy", policy("Policy", "\"Name\": \"lab\",", 0.5)),
        fairShareTemplate("", "Policy", policy("Policy", "\"Name\": \"lab2\",", 0.5)));

    assertThat(changes.resource("Policy").orElseThrow().kind()).isEqualTo(UpdateKind.REPLACEMENT);
    ResourceChange queue = changes.resource("Queue").orElseThrow();
    assertThat(queue.kind()).isEqualTo(UpdateKind.IN_PLACE);
    assertThat(queue.consequence()).isEqualTo("in place: re-pointed to the new scheduling policy");
  }

  @Test
  void aPolicyWithAFixedNameCannotBeReplaced() throws Exception {
    ResourceChange policy = TemplateDiff.compare(
        fairShareTemplate("", "Policy", policy("Policy", "\"Name\": \"lab\",", 0.5)),
        fairShareTemplate("", "Policy", policy("Policy", "\"Name\": \"lab\", \"Tags\": {\"team\": \"a\"},", 0.5)))
        .resource("Policy").orElseThrow();

    assertThat(policy.kind()).isEqualTo(UpdateKind.FAILURE);
    assertThat(policy.failure()).isEqualTo(UpdateRules.customNameReplacement("lab"));
  }
}
