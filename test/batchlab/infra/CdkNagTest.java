package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * cdk-nag's AwsSolutions pack over the stack: no error may remain unless suppressed here with the
 * reason it does not apply. The suppressions live with the check (not in the app) so that a normal
 * synth does not load cdk-nag at all.
 */
class CdkNagTest {

  private static Annotations annotations;
  private static List<String> report;
  private static BatchLabStack checked;

  @BeforeAll
  static void applyAwsSolutionsChecks(@TempDir Path outdir) throws Exception {
    // Collect error annotations instead of failing synthesis on the first, to list them all. The stack
    // with an extra queue and a fair-share policy holds every resource of the article's and those two.
    BatchLabStack stack = StackSynthesizer.newStack(
        Map.of("@aws-cdk/core:annotationsInValidationReport", false, "queues", "high:10", "fairShare", "true",
            "shares", "teamA:1", "schedulingPriority", "5"), Optional.empty(), Optional.of(outdir));
    NagSuppressions.addResourceSuppressions(stack.network().vpc(), List.of(suppression("AwsSolutions-VPC7",
        "Lab VPC for short-lived Batch instances with no ingress; flow logs would add CloudWatch cost to a"
            + " stack meant to cost nothing while idle")), true);
    NagSuppressions.addResourceSuppressions(stack.computeEnvironment(), List.of(suppression("AwsSolutions-IAM4",
        "AmazonEC2ContainerServiceforEC2Role is the instance role policy AWS Batch documents for ECS container"
            + " instances; AWS keeps it in step with the ECS agent's API calls",
        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role")), true);
    NagSuppressions.addResourceSuppressions(stack.jobDefinition(), List.of(suppression("AwsSolutions-IAM5",
        "ecr:GetAuthorizationToken supports no resource-level permissions and needs Resource *; the other"
            + " statements are scoped to the log group and the CDK asset repository",
        "Resource::*")), true);
    Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
    annotations = Annotations.fromStack(stack);
    checked = stack;
    report = Files.readAllLines(outdir.resolve("AwsSolutions-BatchLab-NagReport.csv"));
  }

  @Test
  void awsSolutionsChecksReportNoUnsuppressedErrors() {
    // Fails listing every finding with its construct path.
    annotations.hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
  }

  @Test
  void awsSolutionsChecksReportNoUnsuppressedWarnings() {
    annotations.hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
  }

  @Test
  void theChecksRanAndRecordedEachSuppressionWithItsReason() {
    // The pack's CSV report lists every rule per resource, suppressed ones with the reason given.
    assertThat(report).anyMatch(line ->
        line.startsWith("\"AwsSolutions-VPC7\",\"BatchLab/Network/Vpc/Resource\",\"Suppressed\",\"Lab VPC"));
    assertThat(report).filteredOn(line -> line.contains("\"Suppressed\"")).hasSize(3);
    assertThat(report).filteredOn(line -> line.contains("\"Compliant\"")).isNotEmpty();
    // The pack has no rule for Batch queues or policies (they are not in the report); they were checked.
    assertThat(checked.fairSharePolicy()).isPresent();
    assertThat(checked.extraQueues()).containsOnlyKeys("high");
  }

  private static NagPackSuppression suppression(String id, String reason, String... appliesTo) {
    NagPackSuppression.Builder builder = NagPackSuppression.builder().id(id).reason(reason);
    if (appliesTo.length > 0) {
      builder.appliesTo(List.of((Object[]) appliesTo));
    }
    return builder.build();
  }
}
