package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** UpdateStack on the emulator through the SDK's CloudFormationClient, on the manual clock. */
class StackUpdateTest {

  static final String CE = "AWS::Batch::ComputeEnvironment";

  EmulatorHarness lab;
  CloudFormationClient cfn;

  void start(String template) {
    lab = new EmulatorHarness(b -> b.templateJson(template).stackName("BatchLab"));
    cfn = Fixtures.cloudFormation(lab.emulator);
  }

  @AfterEach
  void stop() {
    if (cfn != null) {
      cfn.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  StackStatus status() {
    return cfn.describeStacks(r -> r.stackName("BatchLab")).stacks().get(0).stackStatus();
  }

  void update(String template) {
    cfn.updateStack(r -> r.stackName("BatchLab").templateBody(template));
  }

  /** Advances 1 s at a time until the stack leaves *_IN_PROGRESS; returns the virtual time it took. */
  Duration awaitStack(Duration limit) {
    java.time.Instant start = lab.emulator.now();
    for (long s = 0; s <= limit.toSeconds(); s++) {
      if (!status().toString().endsWith("IN_PROGRESS")) {
        return Duration.between(start, lab.emulator.now());
      }
      lab.emulator.advance(Duration.ofSeconds(1));
    }
    throw new AssertionError("stack still " + status() + " after " + limit);
  }

  ComputeEnvironmentDetail environment() {
    return lab.batch.describeComputeEnvironments(r -> r.computeEnvironments(lab.computeEnvironment))
        .computeEnvironments().get(0);
  }

  List<StackEvent> events() {
    return cfn.describeStackEvents(r -> r.stackName("BatchLab")).stackEvents();
  }

  @Test
  void anIdenticalTemplateIsRefusedWithNoUpdatesToBePerformed() {
    String template = StackTemplates.synthesized(Map.of());
    start(template);
    assertThatThrownBy(() -> update(template))
        .isInstanceOfSatisfying(CloudFormationException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No updates are to be performed.");
          assertThat(e.statusCode()).isEqualTo(400);
        });
    assertThat(status()).isEqualTo(StackStatus.CREATE_COMPLETE);
  }

  @Test
  void aMaxVcpusChangeIsAFastScalingUpdateInPlace() {
    start(StackTemplates.synthesized(Map.of("maxVcpus", "4")));
    String arn = environment().computeEnvironmentArn();
    update(StackTemplates.synthesized(Map.of("maxVcpus", "20")));
    assertThat(status()).isEqualTo(StackStatus.UPDATE_IN_PROGRESS);

    Duration took = awaitStack(Duration.ofMinutes(1));

    assertThat(status()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(environment().computeEnvironmentArn()).isEqualTo(arn);
    assertThat(environment().computeResources().maxvCpus()).isEqualTo(20);
    assertThat(events()).extracting(e -> e.logicalResourceId() + " " + e.resourceStatusAsString())
        .startsWith("BatchLab UPDATE_COMPLETE", "BatchLab UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
        .contains("ComputeEnvironment2B67C44C UPDATE_COMPLETE", "ComputeEnvironment2B67C44C UPDATE_IN_PROGRESS",
            "BatchLab UPDATE_IN_PROGRESS");
  }

  @Test
  void anInfrastructureUpdateWaitsUntilTheOldInstancesHaveDrainedAndLetsRunningJobsFinish() {
    start(StackTemplates.synthesized(Map.of()));
    String first = lab.submit("running");
    lab.advanceUntil(Duration.ofSeconds(5), Duration.ofMinutes(5), b -> lab.job(first).status() == JobStatus.RUNNING);

    update(StackTemplates.synthesized(Map.of("instanceTypes", "c7i.large")));
    lab.emulator.advance(Duration.ofSeconds(10));

    assertThat(environment().statusAsString()).isEqualTo("UPDATING");
    assertThat(status()).isEqualTo(StackStatus.UPDATE_IN_PROGRESS);
    awaitStack(Duration.ofMinutes(5));
    assertThat(status()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    assertThat(environment().statusAsString()).isEqualTo("VALID");
    assertThat(environment().computeResources().instanceTypes()).containsExactly("c7i.large");
    assertThat(lab.job(first).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(lab.job(first).attempts()).hasSize(1);
  }

  @Test
  void terminateJobsOnUpdateStopsRunningJobsAtOnceAndTheRetryStrategyRetriesThem() {
    String template = StackTemplates.withProperties(StackTemplates.synthesized(Map.of()), CE,
        p -> p.putObject("UpdatePolicy").put("TerminateJobsOnUpdate", true));
    start(template);
    String job = lab.submit("running");
    lab.advanceUntil(Duration.ofSeconds(5), Duration.ofMinutes(5), b -> lab.job(job).status() == JobStatus.RUNNING);

    update(StackTemplates.withProperties(template, CE,
        p -> p.with("ComputeResources").putArray("InstanceTypes").add("c7i.large")));
    lab.emulator.advance(Duration.ofSeconds(5));

    assertThat(lab.job(job).attempts()).hasSize(1);
    assertThat(lab.job(job).attempts().get(0).statusReason()).matches("Host EC2 \\(instance i-[0-9a-f]{17}\\) terminated\\.");
    lab.runToCompletion();
    assertThat(lab.job(job).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(lab.job(job).attempts()).hasSize(2);
  }

  @Test
  void bestFitRefusesTheInfrastructureUpdateAndTheStackRollsBack() {
    start(StackTemplates.synthesized(Map.of()));
    update(StackTemplates.synthesized(Map.of("allocationStrategy", "BEST_FIT")));

    awaitStack(Duration.ofMinutes(1));

    assertThat(status()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    assertThat(environment().computeResources().allocationStrategyAsString()).isEqualTo("BEST_FIT_PROGRESSIVE");
    StackEvent failed = events().stream().filter(e -> e.resourceStatusAsString().equals("UPDATE_FAILED"))
        .findFirst().orElseThrow();
    assertThat(failed.logicalResourceId()).isEqualTo("ComputeEnvironment2B67C44C");
    assertThat(failed.resourceStatusReason()).contains("BEST_FIT allocation strategy");
    assertThat(events()).extracting(StackEvent::resourceStatusAsString)
        .contains("UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE");
  }

  @Test
  void withReplaceComputeEnvironmentTrueAnInstanceTypeChangeReplacesItUnderANewNameAndRepointsTheQueue() {
    String template = StackTemplates.withProperties(StackTemplates.synthesized(Map.of()), CE,
        p -> p.put("ReplaceComputeEnvironment", true));
    start(template);
    String oldArn = environment().computeEnvironmentArn();

    update(StackTemplates.withProperties(template, CE,
        p -> p.with("ComputeResources").putArray("InstanceTypes").add("c7i.large")));
    awaitStack(Duration.ofMinutes(1));

    assertThat(status()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    String newArn = lab.emulator.stack().output("ComputeEnvironmentArn").orElseThrow();
    assertThat(newArn).isNotEqualTo(oldArn).matches(".*:compute-environment/ComputeEnvironment2B67C44C-[A-Za-z0-9]{16}");
    assertThat(lab.batch.describeJobQueues(r -> r.jobQueues(lab.queue)).jobQueues().get(0).computeEnvironmentOrder())
        .extracting(o -> o.computeEnvironment()).containsExactly(newArn);
    assertThat(lab.batch.describeComputeEnvironments(r -> r.computeEnvironments(oldArn)).computeEnvironments()).isEmpty();
    assertThat(lab.batch.describeComputeEnvironments(r -> r.computeEnvironments(newArn)).computeEnvironments().get(0)
        .computeResources().instanceTypes()).containsExactly("c7i.large");
    assertThat(events()).extracting(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + " "
        + e.physicalResourceId()).contains("ComputeEnvironment2B67C44C DELETE_COMPLETE " + oldArn);
    String submitted = lab.submit("after-replacement");
    lab.runToCompletion();
    assertThat(lab.job(submitted).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aFixedNameThatWouldHaveToBeReplacedFailsAsCloudFormationDoes() {
    String template = StackTemplates.withProperties(StackTemplates.synthesized(Map.of()), CE,
        p -> p.put("ComputeEnvironmentName", "fixed-ce"));
    start(template);

    update(StackTemplates.withProperties(template, CE, p -> p.putObject("Tags").put("team", "lab")));
    awaitStack(Duration.ofMinutes(1));

    assertThat(status()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    assertThat(events()).extracting(StackEvent::resourceStatusReason).contains(
        "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename fixed-ce and "
            + "update the stack again.");
    assertThat(environment().computeEnvironmentName()).isEqualTo("fixed-ce");
  }

  @Test
  void aJobDefinitionChangeRegistersTheNextRevisionAndDeregistersTheOldOne() {
    start(StackTemplates.synthesized(Map.of()));

    update(StackTemplates.synthesized(Map.of("jobMemoryMiB", "2048")));
    awaitStack(Duration.ofMinutes(1));

    assertThat(status()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    var revisions = lab.batch.describeJobDefinitions(r -> r.jobDefinitionName(lab.definition)).jobDefinitions();
    assertThat(revisions).extracting(d -> d.revision() + " " + d.status()).containsExactlyInAnyOrder("1 INACTIVE",
        "2 ACTIVE");
    assertThat(lab.emulator.stack().output("JobDefinitionArn").orElseThrow()).endsWith(":2");
  }

  @Test
  void aQueueChangeAppliesInPlace() {
    start(StackTemplates.synthesized(Map.of()));
    String arn = lab.batch.describeJobQueues(r -> r.jobQueues(lab.queue)).jobQueues().get(0).jobQueueArn();

    update(StackTemplates.synthesized(Map.of("runnableTimeoutSeconds", "1200")));
    awaitStack(Duration.ofMinutes(1));

    var queue = lab.batch.describeJobQueues(r -> r.jobQueues(lab.queue)).jobQueues().get(0);
    assertThat(queue.jobQueueArn()).isEqualTo(arn);
    assertThat(queue.jobStateTimeLimitActions()).extracting(a -> a.maxTimeSeconds()).containsOnly(1200);
  }

  @Test
  void aSecondUpdateWhileOneRunsIsRefused() {
    start(StackTemplates.synthesized(Map.of()));
    update(StackTemplates.synthesized(Map.of("maxVcpus", "20")));

    assertThatThrownBy(() -> update(StackTemplates.synthesized(Map.of("maxVcpus", "8"))))
        .isInstanceOfSatisfying(CloudFormationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .matches("Stack:arn:aws:cloudformation:us-east-1:000000000000:stack/BatchLab/.* is in "
                + "UPDATE_IN_PROGRESS state and can not be updated\\."));
  }

  @Test
  void getTemplateAndTheResourceListingsFollowTheUpdate() {
    start(StackTemplates.synthesized(Map.of()));
    String next = StackTemplates.synthesized(Map.of("maxVcpus", "20"));
    update(next);
    awaitStack(Duration.ofMinutes(1));

    assertThat(StackTemplates.tree(cfn.getTemplate(r -> r.stackName("BatchLab")).templateBody()))
        .isEqualTo(StackTemplates.tree(next));
    assertThat(cfn.listStackResources(r -> r.stackName("BatchLab")).stackResourceSummaries())
        .filteredOn(r -> r.logicalResourceId().equals("ComputeEnvironment2B67C44C"))
        .singleElement().satisfies(r -> {
          assertThat(r.resourceStatusAsString()).isEqualTo("UPDATE_COMPLETE");
          assertThat(r.physicalResourceId()).isEqualTo(environment().computeEnvironmentArn());
        });
    assertThat(cfn.describeStackResources(r -> r.stackName("BatchLab")).stackResources())
        .extracting(r -> r.resourceType()).contains(CE, "AWS::Batch::JobQueue", "AWS::Batch::JobDefinition");
  }

  @Test
  void aChangeSetShowsTheChangeAndExecutesIt() {
    start(StackTemplates.synthesized(Map.of()));
    String id = cfn.createChangeSet(r -> r.stackName("BatchLab").changeSetName("more-vcpus")
        .templateBody(StackTemplates.synthesized(Map.of("maxVcpus", "20")))).id();

    var described = cfn.describeChangeSet(r -> r.stackName("BatchLab").changeSetName("more-vcpus"));
    assertThat(described.statusAsString()).isEqualTo("CREATE_COMPLETE");
    assertThat(described.executionStatusAsString()).isEqualTo("AVAILABLE");
    assertThat(described.changes()).singleElement().satisfies(c -> {
      assertThat(c.resourceChange().logicalResourceId()).isEqualTo("ComputeEnvironment2B67C44C");
      assertThat(c.resourceChange().actionAsString()).isEqualTo("Modify");
      assertThat(c.resourceChange().replacementAsString()).isEqualTo("False");
      assertThat(c.resourceChange().details()).extracting(d -> d.target().name()).containsExactly("ComputeResources");
    });

    cfn.executeChangeSet(r -> r.changeSetName(id));
    awaitStack(Duration.ofMinutes(1));
    assertThat(status()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    assertThat(environment().computeResources().maxvCpus()).isEqualTo(20);
    assertThat(cfn.describeChangeSet(r -> r.changeSetName(id)).executionStatusAsString()).isEqualTo("EXECUTE_COMPLETE");
  }

  @Test
  void aChangeSetWithoutChangesFailsAndCannotBeExecutedAndADeletedOneIsNotFound() {
    String template = StackTemplates.synthesized(Map.of());
    start(template);
    cfn.createChangeSet(r -> r.stackName("BatchLab").changeSetName("same").templateBody(template));

    var described = cfn.describeChangeSet(r -> r.stackName("BatchLab").changeSetName("same"));
    assertThat(described.statusAsString()).isEqualTo("FAILED");
    assertThat(described.statusReason()).startsWith("The submitted information didn't contain changes.");
    assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.stackName("BatchLab").changeSetName("same")))
        .isInstanceOfSatisfying(CloudFormationException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeSetStatus"));

    cfn.deleteChangeSet(r -> r.stackName("BatchLab").changeSetName("same"));
    assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.stackName("BatchLab").changeSetName("same")))
        .isInstanceOfSatisfying(CloudFormationException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ChangeSetNotFound");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("ChangeSet [same] does not exist");
        });
  }

  @Test
  void aMalformedTemplateIsAValidationErrorAndTheServerKeepsServing() {
    start(StackTemplates.synthesized(Map.of()));
    assertThatThrownBy(() -> update("{not json"))
        .isInstanceOfSatisfying(CloudFormationException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage()).startsWith("Template format error: ");
        });
    assertThat(status()).isEqualTo(StackStatus.CREATE_COMPLETE);
  }
}
