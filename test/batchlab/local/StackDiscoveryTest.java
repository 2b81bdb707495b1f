package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** The template's resources and outputs, as an SDK client discovers them through the emulator. */
class StackDiscoveryTest {

  static BatchEmulator emulator;
  static BatchClient batch;
  static CloudFormationClient cloudFormation;

  @BeforeAll
  static void start() {
    emulator = BatchEmulator.builder().templateJson(Fixtures.articleTemplate()).stackName("BatchLabStack")
        .speed(Speed.MANUAL).seed(42).build().start();
    batch = Fixtures.batch(emulator);
    cloudFormation = Fixtures.cloudFormation(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static Map<String, String> outputs() {
    Stack stack = cloudFormation.describeStacks(r -> r.stackName("BatchLabStack")).stacks().get(0);
    return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
  }

  @Test
  void describeStacksReturnsTheResolvedOutputsOfTheTemplate() {
    Map<String, String> outputs = outputs();
    assertThat(outputs).containsOnlyKeys("JobQueueName", "JobQueueArn", "JobDefinitionName", "JobDefinitionArn",
        "ComputeEnvironmentName", "ComputeEnvironmentArn", "LogGroupName", "Region");
    assertThat(outputs.get("Region")).isEqualTo("us-east-1");
    assertThat(outputs.get("JobQueueName")).matches("JobQueueEE3AD499-[A-Za-z0-9]{16}");
    assertThat(outputs.get("JobQueueArn"))
        .isEqualTo("arn:aws:batch:us-east-1:000000000000:job-queue/" + outputs.get("JobQueueName"));
    assertThat(outputs.get("JobDefinitionArn"))
        .isEqualTo("arn:aws:batch:us-east-1:000000000000:job-definition/" + outputs.get("JobDefinitionName") + ":1");
    assertThat(outputs.get("ComputeEnvironmentArn")).isEqualTo(
        "arn:aws:batch:us-east-1:000000000000:compute-environment/" + outputs.get("ComputeEnvironmentName"));
    assertThat(outputs.get("LogGroupName")).startsWith("BatchLabStack-LogGroupF5B46931-");
  }

  @Test
  void generatedNamesAreTheSameForTheSameSeedAndDifferForAnother() {
    try (BatchEmulator same = BatchEmulator.builder().templateJson(Fixtures.articleTemplate())
            .stackName("BatchLabStack").speed(Speed.MANUAL).seed(42).build();
         BatchEmulator other = BatchEmulator.builder().templateJson(Fixtures.articleTemplate())
            .stackName("BatchLabStack").speed(Speed.MANUAL).seed(43).build()) {
      assertThat(same.stack().outputs()).isEqualTo(emulator.stack().outputs());
      assertThat(other.stack().output("JobQueueName")).isNotEqualTo(emulator.stack().output("JobQueueName"));
    }
  }

  @Test
  void describeStacksForAnotherStackIsAValidationError() {
    assertThatThrownBy(() -> cloudFormation.describeStacks(r -> r.stackName("NoSuchStack")))
        .isInstanceOfSatisfying(CloudFormationException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stack with id NoSuchStack does not exist");
        });
  }

  @Test
  void computeEnvironmentComesFromTheTemplateWithItsCapacitySettings() {
    ComputeEnvironmentDetail ce = batch.describeComputeEnvironments(r -> r.computeEnvironments(
        outputs().get("ComputeEnvironmentName"))).computeEnvironments().get(0);
    assertThat(ce.computeEnvironmentArn()).isEqualTo(outputs().get("ComputeEnvironmentArn"));
    assertThat(ce.typeAsString()).isEqualTo("MANAGED");
    assertThat(ce.stateAsString()).isEqualTo("ENABLED");
    assertThat(ce.statusAsString()).isEqualTo("VALID");
    assertThat(ce.ecsClusterArn()).startsWith("arn:aws:ecs:us-east-1:000000000000:cluster/"
        + ce.computeEnvironmentName() + "_Batch_");
    assertThat(ce.computeResources().typeAsString()).isEqualTo("SPOT");
    assertThat(ce.computeResources().allocationStrategyAsString()).isEqualTo("BEST_FIT_PROGRESSIVE");
    assertThat(ce.computeResources().instanceTypes()).containsExactly("m7i.large");
    assertThat(ce.computeResources().minvCpus()).isZero();
    assertThat(ce.computeResources().maxvCpus()).isEqualTo(4);
    assertThat(ce.computeResources().desiredvCpus()).isZero();
    assertThat(ce.computeResources().subnets()).singleElement().asString().matches("subnet-[0-9a-f]{17}");
    assertThat(ce.computeResources().instanceRole())
        .startsWith("arn:aws:iam::000000000000:instance-profile/BatchLabStack-");
  }

  @Test
  void jobQueueComesFromTheTemplateWithOrderAndTimeLimitActions() {
    JobQueueDetail queue = batch.describeJobQueues(r -> r.jobQueues(outputs().get("JobQueueArn"))).jobQueues().get(0);
    assertThat(queue.jobQueueName()).isEqualTo(outputs().get("JobQueueName"));
    assertThat(queue.priority()).isEqualTo(1);
    assertThat(queue.computeEnvironmentOrder()).singleElement()
        .satisfies(o -> assertThat(o.computeEnvironment()).isEqualTo(outputs().get("ComputeEnvironmentArn")));
    assertThat(queue.jobStateTimeLimitActions()).extracting(a -> a.reason(), a -> a.maxTimeSeconds())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT", 600),
            org.assertj.core.groups.Tuple.tuple("MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE", 600));
  }

  @Test
  void jobDefinitionComesFromTheTemplateWithCommandResourcesAndRetryStrategy() {
    JobDefinition definition = batch.describeJobDefinitions(r -> r.jobDefinitions(outputs().get("JobDefinitionName")))
        .jobDefinitions().get(0);
    assertThat(definition.revision()).isEqualTo(1);
    assertThat(definition.parameters()).containsEntry("seconds", "60");
    assertThat(definition.containerProperties().command()).containsExactly("python", "sleep_example.py", "Ref::seconds");
    assertThat(definition.containerProperties().image())
        .isEqualTo("000000000000.dkr.ecr.us-east-1.amazonaws.com/cdk-hnb659fds-container-assets-000000000000-us-east-1:5f1c0e3a");
    assertThat(definition.containerProperties().resourceRequirements())
        .extracting(r -> r.typeAsString() + "=" + r.value()).containsExactlyInAnyOrder("VCPU=2", "MEMORY=1024");
    assertThat(definition.containerProperties().logConfiguration().options())
        .containsEntry("awslogs-group", outputs().get("LogGroupName"));
    assertThat(definition.retryStrategy().attempts()).isEqualTo(3);
    assertThat(definition.retryStrategy().evaluateOnExit())
        .extracting(e -> e.actionAsString(), e -> e.onStatusReason(), e -> e.onReason())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RETRY", "Host EC2*", null),
            org.assertj.core.groups.Tuple.tuple("EXIT", null, "*"));
    assertThat(definition.timeout().attemptDurationSeconds()).isEqualTo(3600);
  }
}
