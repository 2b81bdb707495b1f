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
}
