package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.FairsharePolicy;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.batch.model.SchedulingPolicyDetail;
import software.amazon.awssdk.services.batch.model.ShareAttributes;

/**
 * An {@code AWS::Batch::SchedulingPolicy} in the template, in the shape CDK's
 * FairshareSchedulingPolicy synthesizes (numbers as CloudFormation strings allowed), attached to the
 * job queue by {@code Fn::GetAtt [Policy, Arn]} or {@code Ref}.
 */
class FairShareTemplateTest {

  private static String withPolicy(ObjectNode reference) {
    String template = StackTemplates.withProperties(StackTemplates.synthesized(Map.of()), "AWS::Batch::JobQueue",
        queue -> queue.set("SchedulingPolicyArn", reference));
    ObjectNode root = (ObjectNode) StackTemplates.tree(template);
    ObjectNode policy = ((ObjectNode) root.get("Resources")).putObject("Policy");
    policy.put("Type", "AWS::Batch::SchedulingPolicy");
    ObjectNode properties = policy.putObject("Properties");
    ObjectNode fairshare = properties.putObject("FairsharePolicy");
    fairshare.put("ShareDecaySeconds", "3600").put("ComputeReservation", 50);
    fairshare.putArray("ShareDistribution").addObject().put("ShareIdentifier", "teamB").put("WeightFactor", 0.5);
    properties.putObject("Tags").put("team", "lab");
    return root.toString();
  }

  private static void assertLoaded(ObjectNode reference) {
    try (BatchEmulator emulator = LabEmulators.template(withPolicy(reference), "BatchLab").speed(Speed.MANUAL)
        .build().start(); BatchClient batch = Fixtures.batch(emulator)) {
      String queueName = emulator.stack().output("JobQueueName").orElseThrow();
      JobQueueDetail queue = batch.describeJobQueues(r -> r.jobQueues(queueName)).jobQueues().get(0);
      assertThat(queue.schedulingPolicyArn()).matches("arn:aws:batch:us-east-1:000000000000:scheduling-policy/.+");
      SchedulingPolicyDetail policy = batch.describeSchedulingPolicies(r -> r.arns(queue.schedulingPolicyArn()))
          .schedulingPolicies().get(0);
      assertThat(policy.fairsharePolicy()).isEqualTo(FairsharePolicy.builder().shareDecaySeconds(3600)
          .computeReservation(50)
          .shareDistribution(ShareAttributes.builder().shareIdentifier("teamB").weightFactor(0.5f).build()).build());
      assertThat(policy.tags()).isEqualTo(Map.of("team", "lab"));
    }
  }

  @Test
  void aQueueReferencingThePolicyByGetAttArnIsAFairShareQueue() {
    ObjectNode getAtt = StackTemplates.JSON.createObjectNode();
    getAtt.putArray("Fn::GetAtt").add("Policy").add("Arn");
    assertLoaded(getAtt);
  }

  @Test
  void aQueueReferencingThePolicyByRefIsAFairShareQueue() {
    assertLoaded(StackTemplates.JSON.createObjectNode().put("Ref", "Policy"));
  }

  @Test
  void theBannersTryItLineNamesAShareOnlyForAFairShareQueue() {
    ObjectNode ref = StackTemplates.JSON.createObjectNode().put("Ref", "Policy");
    try (BatchEmulator fairShare = LabEmulators.template(withPolicy(ref), "BatchLab").speed(Speed.MANUAL).build();
        BatchEmulator fifo = LabEmulators.template(StackTemplates.synthesized(Map.of()), "BatchLab")
            .speed(Speed.MANUAL).build()) {
      assertThat(EmulatorBanner.render(fairShare)).containsPattern(
          "aws batch submit-job .* --job-definition \\S+ --share-identifier teamB\n");
      assertThat(EmulatorBanner.render(fifo)).doesNotContain("--share-identifier")
          .containsPattern("aws batch submit-job .* --job-definition \\S+\n");
    }
  }
}
