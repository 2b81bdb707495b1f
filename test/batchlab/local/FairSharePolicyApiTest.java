package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.ClientException;
import software.amazon.awssdk.services.batch.model.ShareAttributes;

/**
 * Scheduling policies and the fair-share rules of CreateJobQueue, UpdateJobQueue and SubmitJob
 * through the SDK: what AWS accepts, and its answers to what it refuses (the emulator keeps serving).
 */
class FairSharePolicyApiTest {

  EmulatorHarness harness = new EmulatorHarness();
  String policy;
  String fairQueue;

  @BeforeEach
  void fairQueue() {
    policy = harness.batch.createSchedulingPolicy(r -> r.name("teams").fairsharePolicy(f -> f.shareDecaySeconds(60)
        .shareDistribution(ShareAttributes.builder().shareIdentifier("teamA").weightFactor(0.5f).build()))).arn();
    fairQueue = harness.batch.createJobQueue(r -> r.jobQueueName("fair").priority(1).schedulingPolicyArn(policy)
        .computeEnvironmentOrder(Fixtures.first(harness.computeEnvironment))).jobQueueArn();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private void assertClientError(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(ClientException.class)
        .satisfies(e -> assertThat(((ClientException) e).awsErrorDetails().errorMessage()).isEqualTo(message))
        .satisfies(e -> assertThat(((ClientException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void updateSchedulingPolicyReplacesTheFairSharePolicyAndTagsWorkLikeOnOtherResources() {
    harness.batch.updateSchedulingPolicy(r -> r.arn(policy).fairsharePolicy(f -> f.computeReservation(10)));
    var detail = harness.batch.describeSchedulingPolicies(r -> r.arns(policy)).schedulingPolicies().get(0);
    assertThat(detail.fairsharePolicy().computeReservation()).isEqualTo(10);
    assertThat(detail.fairsharePolicy().shareDecaySeconds()).isZero();
    assertThat(detail.fairsharePolicy().shareDistribution()).isEmpty();
    harness.batch.updateSchedulingPolicy(r -> r.arn(policy)); // no fairsharePolicy: left as it is
    assertThat(harness.batch.describeSchedulingPolicies(r -> r.arns(policy)).schedulingPolicies().get(0)
        .fairsharePolicy().computeReservation()).isEqualTo(10);

    harness.batch.tagResource(r -> r.resourceArn(policy).tags(Map.of("team", "lab")));
    assertThat(harness.batch.listTagsForResource(r -> r.resourceArn(policy)).tags()).isEqualTo(Map.of("team", "lab"));
    harness.batch.untagResource(r -> r.resourceArn(policy).tagKeys("team"));
    assertThat(harness.batch.listTagsForResource(r -> r.resourceArn(policy)).tags()).isEmpty();
  }

  @Test
  void aPolicyInUseCannotBeDeletedAndAnUnusedOneCan() {
    assertClientError(() -> harness.batch.deleteSchedulingPolicy(r -> r.arn(policy)),
        "Cannot delete, scheduling policy teams is used by job queue fair");
    String spare = harness.batch.createSchedulingPolicy(r -> r.name("spare")).arn();
    harness.batch.deleteSchedulingPolicy(r -> r.arn(spare));
    assertThat(harness.batch.describeSchedulingPolicies(r -> r.arns(spare)).schedulingPolicies()).isEmpty();
    assertClientError(() -> harness.batch.deleteSchedulingPolicy(r -> r.arn(spare)),
        "scheduling policy " + spare + " does not exist");
  }

  @Test
  void policyValuesOutsideAwsRangesAreRefusedNamingTheValue() {
    assertClientError(() -> harness.batch.createSchedulingPolicy(r -> r.name("bad")
            .fairsharePolicy(f -> f.computeReservation(100))),
        "computeReservation must be between 0 and 99, got 100");
    assertClientError(() -> harness.batch.createSchedulingPolicy(r -> r.name("bad")
            .fairsharePolicy(f -> f.shareDecaySeconds(604_801))),
        "shareDecaySeconds must be between 0 and 604800, got 604801");
    assertClientError(() -> harness.batch.createSchedulingPolicy(r -> r.name("bad").fairsharePolicy(f -> f
            .shareDistribution(ShareAttributes.builder().shareIdentifier("UserA*").build(),
                ShareAttributes.builder().shareIdentifier("UserA1").build()))),
        "share identifiers 'UserA*' and 'UserA1' overlap: the identifiers of one policy must not cover the same share");
    assertClientError(() -> harness.batch.createSchedulingPolicy(r -> r.name("bad").fairsharePolicy(f -> f
            .shareDistribution(ShareAttributes.builder().shareIdentifier("teamB").weightFactor(0f).build()))),
        "weight factor 0 of share 'teamB' is not allowed: 0.0001 to 999.9999");
    assertClientError(() -> harness.batch.createSchedulingPolicy(r -> r.name("teams")),
        "Object already exists: scheduling policy teams");
  }

  @Test
  void aFairShareQueuesPolicyCanBeReplacedButNotRemovedAndAFifoQueueCannotGainOne() {
    String other = harness.batch.createSchedulingPolicy(r -> r.name("other")).arn();
    harness.batch.updateJobQueue(r -> r.jobQueue("fair").schedulingPolicyArn(other));
    assertThat(harness.batch.describeJobQueues(r -> r.jobQueues("fair")).jobQueues().get(0).schedulingPolicyArn())
        .isEqualTo(other);
    assertClientError(() -> harness.batch.updateJobQueue(r -> r.jobQueue("fair").schedulingPolicyArn("")),
        "the fair-share scheduling policy of job queue fair can be replaced but can't be removed");
    assertClientError(() -> harness.batch.updateJobQueue(r -> r.jobQueue(harness.queue).schedulingPolicyArn(policy)),
        "job queue " + harness.queue + " is a FIFO queue and can't have a fair-share scheduling policy added");
    assertClientError(() -> harness.batch.createJobQueue(r -> r.jobQueueName("ghost").priority(1)
            .schedulingPolicyArn(policy + "x").computeEnvironmentOrder(Fixtures.first(harness.computeEnvironment))),
        "scheduling policy " + policy + "x does not exist");
  }

  @Test
  void submitJobNeedsAShareAndAPriorityOnAFairShareQueueAndRefusesAShareOnAFifoQueue() {
    assertClientError(() -> harness.batch.submitJob(r -> r.jobName("j").jobQueue("fair")
            .jobDefinition(harness.definition).schedulingPriorityOverride(1)),
        "shareIdentifier must be specified.");
    assertClientError(() -> harness.batch.submitJob(r -> r.jobName("j").jobQueue("fair")
            .jobDefinition(harness.definition).shareIdentifier("teamA")),
        "Either schedulingPriority in job definition or schedulingPriorityOverride should be specified.");
    assertClientError(() -> harness.batch.submitJob(r -> r.jobName("j").jobQueue("fair")
            .jobDefinition(harness.definition).shareIdentifier("team-a").schedulingPriorityOverride(1)),
        "share identifier 'team-a' is not valid: 1-255 letters and digits");
    assertClientError(() -> harness.batch.submitJob(r -> r.jobName("j").jobQueue("fair")
            .jobDefinition(harness.definition).shareIdentifier("teamA").schedulingPriorityOverride(10_000)),
        "schedulingPriorityOverride must be between 0 and 9999, got 10000");
    assertClientError(() -> harness.submit("j", r -> r.shareIdentifier("teamA")),
        "shareIdentifier can only be specified for a job queue with a fair-share scheduling policy; job queue "
            + harness.queue + " has none");
    String ok = harness.batch.submitJob(r -> r.jobName("j").jobQueue(fairQueue).jobDefinition(harness.definition)
        .shareIdentifier("teamA").schedulingPriorityOverride(1)).jobId();
    assertThat(harness.job(ok).shareIdentifier()).isEqualTo("teamA");
  }
}
