package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStateTimeLimitAction;
import software.amazon.awssdk.services.batch.model.JobStatus;

/** A head job that can never be placed blocks its queue until the queue's time-limit action cancels it. */
class BlockedQueueTest {

  EmulatorHarness harness = new EmulatorHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void jobNeedingMoreThanAnyInstanceBlocksTheQueueUntilTheTimeLimitActionCancelsIt() {
    // m7i.large offers 2 vCPU and 8 GiB minus the ECS/OS share: 8192 MiB can never be placed.
    String blocker = harness.submit("too-big", r -> r.containerOverrides(o -> o.resourceRequirements(
        Fixtures.memory(8192))));
    String behind1 = harness.submit("behind-1");
    String behind2 = harness.submit("behind-2");

    harness.emulator.advance(Duration.ofMinutes(5));
    JobDetail blocked = harness.job(blocker);
    assertThat(blocked.status()).isEqualTo(JobStatus.RUNNABLE);
    assertThat(blocked.statusReason()).isEqualTo("MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource "
        + "requirement (vCPU/memory/GPU) is higher than that can be met by the CE(s) attached to the job queue.");
    assertThat(harness.jobs(List.of(behind1, behind2))).allSatisfy(j -> {
      assertThat(j.status()).isEqualTo(JobStatus.RUNNABLE);
      assertThat(j.startedAt()).isNull();
    });
    assertThat(harness.batch.listJobs(r -> r.jobQueue(harness.queue).jobStatus(JobStatus.RUNNABLE)).jobSummaryList())
        .extracting(s -> s.jobName()).containsExactly("too-big", "behind-1", "behind-2");

    // The queue's action: CANCEL after 600 s RUNNABLE with that reason; then the queue moves on.
    harness.runToCompletion();
    JobDetail cancelled = harness.job(blocker);
    assertThat(cancelled.status()).isEqualTo(JobStatus.FAILED);
    assertThat(cancelled.statusReason())
        .isEqualTo("Canceled by JobStateTimeLimit action due to reason: MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT");
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(cancelled.stoppedAt() - cancelled.createdAt())
        .isEqualTo(Timings.DEFAULT.dispatch().toMillis() + 600_000);
    assertThat(harness.jobs(List.of(behind1, behind2))).allSatisfy(j -> {
      assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(j.startedAt()).isGreaterThan(cancelled.stoppedAt());
    });
  }

  @Test
  void jobNeedingMoreVcpusThanMaxVcpusBlocksWithTheMaxResourceReason() {
    harness.batch.createComputeEnvironment(r -> r.computeEnvironmentName("wide").type("MANAGED")
        .computeResources(c -> c.type("EC2").allocationStrategy("BEST_FIT_PROGRESSIVE").minvCpus(0).maxvCpus(4)
            .instanceTypes("m7i").subnets("subnet-1").instanceRole("ecsInstanceRole")));
    harness.batch.createJobQueue(r -> r.jobQueueName("wide-queue").priority(5)
        .computeEnvironmentOrder(Fixtures.first("wide"))
        .jobStateTimeLimitActions(JobStateTimeLimitAction.builder().action("CANCEL").state("RUNNABLE")
            .maxTimeSeconds(900).reason("MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE").build()));
    String id = harness.batch.submitJob(r -> r.jobName("eight-vcpus").jobQueue("wide-queue")
        .jobDefinition(harness.definition)
        .containerOverrides(o -> o.resourceRequirements(Fixtures.vcpus(8)))).jobId();

    harness.emulator.advance(Duration.ofMinutes(1));
    assertThat(harness.job(id).statusReason()).isEqualTo("MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - "
        + "CE(s) associated with the job queue cannot meet the CPU requirement of the job.");
    harness.runToCompletion();
    assertThat(harness.job(id).statusReason())
        .isEqualTo("Canceled by JobStateTimeLimit action due to reason: MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE");
  }

  private void environmentAndQueue(String name, String strategy, int maxVcpus, String... instanceTypes) {
    harness.batch.createComputeEnvironment(r -> r.computeEnvironmentName(name).type("MANAGED")
        .computeResources(c -> c.type("EC2").allocationStrategy(strategy).minvCpus(0).maxvCpus(maxVcpus)
            .instanceTypes(instanceTypes).subnets("subnet-1").instanceRole("ecsInstanceRole")));
    harness.batch.createJobQueue(r -> r.jobQueueName(name + "-queue").priority(5)
        .computeEnvironmentOrder(Fixtures.first(name)));
  }

  @Test
  void raisingMaxVcpusUnblocksTheHeadJobWithinTheBootTime() {
    environmentAndQueue("narrow", "BEST_FIT_PROGRESSIVE", 2, "m7i");
    String id = harness.batch.submitJob(r -> r.jobName("four-vcpus").jobQueue("narrow-queue")
        .jobDefinition(harness.definition).containerOverrides(o -> o.resourceRequirements(Fixtures.vcpus(4)))).jobId();
    harness.emulator.advance(Duration.ofMinutes(2));
    assertThat(harness.job(id).statusReason()).startsWith("MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - ");

    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment("narrow").computeResources(c -> c.maxvCpus(8)));
    harness.emulator.advance(Timings.DEFAULT.instanceBoot().plus(Timings.DEFAULT.jobStart()));

    JobDetail started = harness.job(id);
    assertThat(started.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(started.statusReason()).isNull();
  }

  @Test
  void addingALargerInstanceTypeUnblocksTheHeadJob() {
    environmentAndQueue("small", "BEST_FIT_PROGRESSIVE", 16, "m7i.large");
    String id = harness.batch.submitJob(r -> r.jobName("four-vcpus").jobQueue("small-queue")
        .jobDefinition(harness.definition).containerOverrides(o -> o.resourceRequirements(Fixtures.vcpus(4)))).jobId();
    harness.emulator.advance(Duration.ofMinutes(2));
    assertThat(harness.job(id).statusReason()).startsWith("MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - ");

    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment("small")
        .computeResources(c -> c.instanceTypes("m7i.large", "m7i.xlarge")));
    harness.emulator.advance(Timings.DEFAULT.instanceBoot().plus(Timings.DEFAULT.jobStart()));

    assertThat(harness.job(id).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(harness.job(id).statusReason()).isNull();
  }

  @Test
  void aJobTooBigForMaxVcpusAndForEveryTypeGetsTheMaxResourceReason() {
    // The README's rule (batchlab.batch.Misconfiguration): maxvCpus is checked before the instance types.
    environmentAndQueue("article", "BEST_FIT_PROGRESSIVE", 4, "m7i.large");
    String id = harness.batch.submitJob(r -> r.jobName("eight-vcpus").jobQueue("article-queue")
        .jobDefinition(harness.definition).containerOverrides(o -> o.resourceRequirements(Fixtures.vcpus(8)))).jobId();
    harness.emulator.advance(Duration.ofMinutes(1));
    assertThat(harness.job(id).statusReason()).isEqualTo("MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - "
        + "CE(s) associated with the job queue cannot meet the CPU requirement of the job.");
  }
}
