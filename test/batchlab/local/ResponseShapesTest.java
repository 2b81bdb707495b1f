package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.InstanceTypeCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Resource;

/** The fields clients read, shaped as the API Reference describes them (JobDetail, AttemptDetail, ECS). */
class ResponseShapesTest {

  EmulatorHarness harness = new EmulatorHarness(b -> b.timings(Timings.DEFAULT.withScaleDown(Duration.ofHours(1))));

  @AfterEach
  void stop() {
    harness.close();
  }

  private void untilStatus(String id, JobStatus status) {
    harness.advanceUntil(Duration.ofSeconds(1), Duration.ofMinutes(5),
        b -> b.describeJobs(r -> r.jobs(id)).jobs().get(0).status() == status);
  }

  @Test
  void anAttemptStoppedWhileStartingHasNoStartedAtAndNoLogStream() {
    String id = harness.submit("stopped-early");
    untilStatus(id, JobStatus.STARTING);
    harness.batch.terminateJob(r -> r.jobId(id).reason("stop"));

    JobDetail job = harness.job(id);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.startedAt()).isNull();
    assertThat(job.attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.startedAt()).as("never RUNNING: no invented startedAt").isNull();
      assertThat(attempt.stoppedAt()).isNotNull();
      assertThat(attempt.container().containerInstanceArn()).isNotNull();
      assertThat(attempt.container().logStreamName()).isNull();
    });
  }

  @Test
  void theLogStreamNameAppearsWhenTheJobReachesRunning() {
    String id = harness.submit("logged");
    untilStatus(id, JobStatus.STARTING);
    assertThat(harness.job(id).container().containerInstanceArn()).isNotNull();
    assertThat(harness.job(id).container().logStreamName()).isNull();

    untilStatus(id, JobStatus.RUNNING);
    assertThat(harness.job(id).container().logStreamName()).startsWith(harness.definition + "/default/");
  }

  @Test
  void anArrayParentShowsItsContainerAndItsStatusSummaryInListJobs() {
    String parent = harness.submit("array", r -> r.arrayProperties(a -> a.size(3)).parameters(Map.of("seconds", "10")));
    harness.emulator.advance(Duration.ofSeconds(5));

    JobDetail detail = harness.job(parent);
    assertThat(detail.container().command()).containsExactly("python", "sleep_example.py", "10");
    assertThat(detail.container().resourceRequirements()).extracting(rr -> rr.typeAsString() + "=" + rr.value())
        .containsExactlyInAnyOrder("VCPU=2", "MEMORY=1024");
    assertThat(detail.container().containerInstanceArn()).isNull();

    JobSummary summary = harness.batch.listJobs(r -> r.jobQueue(harness.queue).jobStatus(JobStatus.PENDING))
        .jobSummaryList().get(0);
    assertThat(summary.jobId()).isEqualTo(parent);
    assertThat(summary.arrayProperties().size()).isEqualTo(3);
    assertThat(summary.arrayProperties().statusSummary()).containsEntry("RUNNABLE", 3);
  }

  @Test
  void anArrayParentWaitingOnADependencyStaysSubmittedUntilAChildIsRunnable() {
    String first = harness.submit("first", r -> r.parameters(Map.of("seconds", "30")));
    String parent = harness.submit("array", r -> r.arrayProperties(a -> a.size(2)).dependsOn(Fixtures.after(first)));
    harness.emulator.advance(Duration.ofSeconds(60));
    assertThat(harness.job(parent).status()).isEqualTo(JobStatus.SUBMITTED);
    assertThat(harness.job(parent).arrayProperties().statusSummary()).containsEntry("PENDING", 2);

    untilStatus(first, JobStatus.SUCCEEDED);
    harness.emulator.advance(Duration.ofSeconds(1));
    assertThat(harness.job(parent).status()).isEqualTo(JobStatus.PENDING);
  }

  @Test
  void listJobsWithAnArrayJobIdIgnoresTheFilterForTheChildren() {
    String parent = harness.submit("array", r -> r.arrayProperties(a -> a.size(3)));
    harness.emulator.advance(Duration.ofSeconds(5));

    List<JobSummary> children = harness.batch.listJobs(r -> r.arrayJobId(parent).jobStatus(JobStatus.RUNNABLE)
        .filters(KeyValuesPair.builder().name("JOB_NAME").values("no-such-name").build())).jobSummaryList();

    assertThat(children).extracting(JobSummary::jobId).containsExactly(parent + ":0", parent + ":1", parent + ":2");
  }

  @Test
  void ecsRegistersTheMemoryJobsCanUseTheSameFigureTheSchedulerPlacesAgainst() {
    String id = harness.submit("one");
    untilStatus(id, JobStatus.RUNNING);
    String cluster = harness.batch.describeComputeEnvironments(r -> r.computeEnvironments(harness.computeEnvironment))
        .computeEnvironments().get(0).ecsClusterArn();
    List<String> arns = harness.ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
    ContainerInstance instance = harness.ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns))
        .containerInstances().get(0);

    int usable = InstanceTypeCatalog.resolve(List.of("m7i.large")).get(0).usableMemoryMiB();
    assertThat(usable).as("8192 MiB less the OS share less the 32 MiB Batch reserves").isEqualTo(7953);
    assertThat(memory(instance.registeredResources())).isEqualTo(usable);
    assertThat(memory(instance.remainingResources())).isEqualTo(usable - 1024);
  }

  private static int memory(List<Resource> resources) {
    return resources.stream().filter(r -> r.name().equals("MEMORY")).findFirst().orElseThrow().integerValue();
  }
}
