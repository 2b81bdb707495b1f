package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.ArrayJobDependency;
import software.amazon.awssdk.services.batch.model.ClientException;
import software.amazon.awssdk.services.batch.model.JobDependency;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;
import software.amazon.awssdk.services.batch.model.ListJobsResponse;

/** SubmitJob's options and the job APIs, through the SDK. */
class JobFeaturesTest {

  EmulatorHarness harness = new EmulatorHarness(b -> b.timings(Timings.DEFAULT.withScaleDown(Duration.ofHours(1))));

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void theSecondsParameterSetsTheRunTimeAndReachesTheCommand() {
    String id = harness.submit("short", r -> r.parameters(Map.of("seconds", "7.5")));
    harness.runToCompletion();
    JobDetail job = harness.job(id);
    assertThat(job.stoppedAt() - job.startedAt()).isEqualTo(7_500);
    assertThat(job.parameters()).containsEntry("seconds", "7.5");
    assertThat(job.container().command()).containsExactly("python", "sleep_example.py", "7.5");
  }

  @Test
  void containerOverridesReplaceCommandEnvironmentAndResources() {
    String id = harness.submit("override", r -> r.containerOverrides(o -> o.command("python", "other.py")
        .environment(KeyValuePair.builder().name("MODE").value("fast").build())
        .resourceRequirements(Fixtures.vcpus(1), Fixtures.memory(512))));
    harness.emulator.advance(Duration.ofMinutes(2));
    JobDetail job = harness.job(id);
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(job.container().command()).containsExactly("python", "other.py");
    assertThat(job.container().environment()).anySatisfy(e -> assertThat(e.name() + "=" + e.value()).isEqualTo("MODE=fast"));
    assertThat(job.container().resourceRequirements()).extracting(rr -> rr.typeAsString() + "=" + rr.value())
        .containsExactlyInAnyOrder("VCPU=1", "MEMORY=512");
    assertThat(job.container().instanceType()).isEqualTo("m7i.large");
  }

  @Test
  void anArrayJobRunsItsChildrenAndSummarisesTheirStatus() {
    String parent = harness.submit("array", r -> r.arrayProperties(a -> a.size(3)).parameters(Map.of("seconds", "10")));
    harness.emulator.advance(Duration.ofSeconds(5));
    JobDetail pending = harness.job(parent);
    assertThat(pending.status()).isEqualTo(JobStatus.PENDING);
    assertThat(pending.arrayProperties().size()).isEqualTo(3);
    assertThat(pending.arrayProperties().statusSummary()).containsEntry("RUNNABLE", 3);

    harness.runToCompletion();
    JobDetail done = harness.job(parent);
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.arrayProperties().statusSummary()).containsEntry("SUCCEEDED", 3).containsEntry("RUNNABLE", 0);
    List<JobSummary> children = harness.batch.listJobs(r -> r.arrayJobId(parent).jobStatus(JobStatus.SUCCEEDED))
        .jobSummaryList();
    assertThat(children).extracting(JobSummary::jobId).containsExactly(parent + ":0", parent + ":1", parent + ":2");
    assertThat(children).extracting(c -> c.arrayProperties().index()).containsExactly(0, 1, 2);
    assertThat(harness.job(parent + ":2").arrayProperties().index()).isEqualTo(2);
  }

  @Test
  void aJobWaitsInPendingUntilItsDependencySucceeds() {
    String first = harness.submit("first", r -> r.parameters(Map.of("seconds", "30")));
    String second = harness.submit("second", r -> r.dependsOn(Fixtures.after(first)));
    harness.emulator.advance(Duration.ofSeconds(60));
    assertThat(harness.job(second).status()).isEqualTo(JobStatus.PENDING);
    harness.runToCompletion();
    JobDetail a = harness.job(first);
    JobDetail b = harness.job(second);
    assertThat(b.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(b.startedAt()).isGreaterThan(a.stoppedAt());
    assertThat(b.dependsOn()).singleElement().satisfies(d -> assertThat(d.jobId()).isEqualTo(first));
  }

  @Test
  void aJobWhoseDependencyFailsFailsToo() {
    String first = harness.submit("first");
    String second = harness.submit("second", r -> r.dependsOn(Fixtures.after(first)));
    harness.emulator.advance(Duration.ofSeconds(1));
    harness.batch.cancelJob(r -> r.jobId(first).reason("changed my mind"));
    harness.runToCompletion();
    assertThat(harness.job(first).statusReason()).isEqualTo("changed my mind");
    assertThat(harness.job(second).status()).isEqualTo(JobStatus.FAILED);
    assertThat(harness.job(second).statusReason()).isEqualTo("Dependent Job failed");
  }

  @Test
  void sequentialArrayChildrenRunOneAfterAnother() {
    String parent = harness.submit("chain", r -> r.arrayProperties(a -> a.size(3)).parameters(Map.of("seconds", "10"))
        .dependsOn(JobDependency.builder().type(ArrayJobDependency.SEQUENTIAL).build()));
    harness.runToCompletion();
    List<JobDetail> children = harness.jobs(List.of(parent + ":0", parent + ":1", parent + ":2"));
    assertThat(children.get(1).startedAt()).isGreaterThan(children.get(0).stoppedAt());
    assertThat(children.get(2).startedAt()).isGreaterThan(children.get(1).stoppedAt());
  }

  @Test
  void cancelStopsQueuedJobsOnlyAndTerminateAlsoStopsRunningOnes() {
    String running = harness.submit("running");
    String queued = harness.submit("queued-1");
    harness.submit("queued-2");
    String third = harness.submit("queued-3");
    harness.advanceUntil(Duration.ofSeconds(5), Duration.ofMinutes(5),
        b -> b.describeJobs(r -> r.jobs(running)).jobs().get(0).status() == JobStatus.RUNNING);

    harness.batch.cancelJob(r -> r.jobId(running).reason("too late"));
    harness.batch.cancelJob(r -> r.jobId(third).reason("not needed"));
    assertThat(harness.job(running).status()).as("CancelJob leaves RUNNING jobs alone").isEqualTo(JobStatus.RUNNING);
    assertThat(harness.job(third).status()).isEqualTo(JobStatus.FAILED);
    assertThat(harness.job(third).isCancelled()).isTrue();

    harness.batch.terminateJob(r -> r.jobId(running).reason("stop now"));
    JobDetail terminated = harness.job(running);
    assertThat(terminated.status()).isEqualTo(JobStatus.FAILED);
    assertThat(terminated.statusReason()).isEqualTo("stop now");
    assertThat(terminated.isTerminated()).isTrue();
    assertThat(terminated.attempts()).singleElement().satisfies(a -> assertThat(a.container().exitCode()).isEqualTo(143));
    harness.runToCompletion();
    assertThat(harness.job(queued).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void listJobsFiltersByNameCaseInsensitivelyNewestFirstAndPages() {
    for (int i = 1; i <= 5; i++) {
      harness.submit("my-batch-job-" + i);
    }
    harness.submit("other");
    ListJobsResponse filtered = harness.batch.listJobs(r -> r.jobQueue(harness.queue)
        .filters(KeyValuesPair.builder().name("JOB_NAME").values("MY-BATCH-*").build()));
    assertThat(filtered.jobSummaryList()).extracting(JobSummary::jobName)
        .containsExactly("my-batch-job-5", "my-batch-job-4", "my-batch-job-3", "my-batch-job-2", "my-batch-job-1");

    ListJobsResponse page1 = harness.batch.listJobs(r -> r.jobQueue(harness.queue).jobStatus(JobStatus.SUBMITTED).maxResults(4));
    assertThat(page1.jobSummaryList()).extracting(JobSummary::jobName)
        .containsExactly("my-batch-job-1", "my-batch-job-2", "my-batch-job-3", "my-batch-job-4");
    ListJobsResponse page2 = harness.batch.listJobs(r -> r.jobQueue(harness.queue).jobStatus(JobStatus.SUBMITTED)
        .maxResults(4).nextToken(page1.nextToken()));
    assertThat(page2.jobSummaryList()).extracting(JobSummary::jobName).containsExactly("my-batch-job-5", "other");
    assertThat(page2.nextToken()).isNull();
    assertThat(harness.batch.listJobsPaginator(r -> r.jobQueue(harness.queue).jobStatus(JobStatus.SUBMITTED)
        .maxResults(2)).jobSummaryList().stream().count()).isEqualTo(6);
    assertThat(harness.batch.listJobs(r -> r.jobQueue(harness.queue)).jobSummaryList())
        .as("without jobStatus only RUNNING jobs are listed").isEmpty();
  }

  @Test
  void registeringADefinitionAgainAddsARevisionThatSubmitPicksByDefault() {
    var registered = harness.batch.registerJobDefinition(r -> r.jobDefinitionName(harness.definition).type("container")
        .parameters(Map.of("seconds", "5"))
        .containerProperties(c -> c.image("public.ecr.aws/docker/library/python:3.13-slim")
            .command("python", "sleep_example.py", "Ref::seconds")
            .resourceRequirements(Fixtures.vcpus(1), Fixtures.memory(256))));
    assertThat(registered.revision()).isEqualTo(2);
    String id = harness.submit("latest");
    String pinned = harness.batch.submitJob(r -> r.jobName("pinned").jobQueue(harness.queue)
        .jobDefinition(harness.definition + ":1")).jobId();
    harness.runToCompletion();
    assertThat(harness.job(id).jobDefinition()).isEqualTo(registered.jobDefinitionArn());
    assertThat(harness.job(id).stoppedAt() - harness.job(id).startedAt()).isEqualTo(5_000);
    assertThat(harness.job(pinned).jobDefinition()).endsWith(":1");
    assertThat(harness.batch.describeJobDefinitions(r -> r.jobDefinitionName(harness.definition)).jobDefinitions())
        .extracting(d -> d.revision()).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void tagsCanBeAddedListedAndRemoved() {
    String arn = harness.emulator.stack().output("JobQueueArn").orElseThrow();
    harness.batch.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "lab", "stage", "dev")));
    harness.batch.untagResource(r -> r.resourceArn(arn).tagKeys("stage"));
    assertThat(harness.batch.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(Map.entry("team", "lab"));
    String job = harness.submit("tagged", r -> r.tags(Map.of("run", "1")));
    String jobArn = harness.job(job).jobArn();
    assertThat(harness.batch.listTagsForResource(r -> r.resourceArn(jobArn)).tags()).containsEntry("run", "1");
  }

  @Test
  void aDisabledQueueRejectsNewJobsAndADisabledEnvironmentPlacesNone() {
    String queued = harness.submit("queued");
    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment(harness.computeEnvironment).state("DISABLED"));
    harness.emulator.advance(Duration.ofMinutes(10));
    assertThat(harness.job(queued).status()).isEqualTo(JobStatus.RUNNABLE);
    assertThat(harness.batch.describeComputeEnvironments(r -> r.computeEnvironments(harness.computeEnvironment))
        .computeEnvironments().get(0).computeResources().desiredvCpus()).as("no scale-out while DISABLED").isZero();

    harness.batch.updateJobQueue(r -> r.jobQueue(harness.queue).state("DISABLED"));
    assertThatThrownBy(() -> harness.submit("refused")).isInstanceOfSatisfying(ClientException.class,
        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("job queue " + harness.queue
            + " is DISABLED and cannot accept new jobs"));

    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment(harness.computeEnvironment).state("ENABLED"));
    harness.runToCompletion();
    assertThat(harness.job(queued).status()).as("jobs already in a DISABLED queue still finish")
        .isEqualTo(JobStatus.SUCCEEDED);
  }
}
