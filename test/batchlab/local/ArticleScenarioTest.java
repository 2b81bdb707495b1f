package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * The article's experiment through the real SDK clients: 10 jobs of 2 vCPU x 60 s on a compute
 * environment with maxvCpus 4, then maxvCpus 20 and 10 more jobs. A watcher polls every 5 virtual
 * seconds (the MANUAL clock is advanced between polls), exactly as it would poll AWS.
 */
class ArticleScenarioTest {

  static final Timings TIMINGS = Timings.DEFAULT;
  static final long POLL_SECONDS = 5;

  BatchEmulator emulator;
  BatchClient batch;
  EcsClient ecs;
  String queue;
  String definition;
  String computeEnvironment;

  @BeforeEach
  void start() {
    emulator = LabEmulators.synthesized(Map.of()).speed(Speed.MANUAL).seed(3)
        .timings(TIMINGS).build().start();
    batch = Fixtures.batch(emulator);
    ecs = Fixtures.ecs(emulator);
    queue = emulator.stack().output("JobQueueName").orElseThrow();
    definition = emulator.stack().output("JobDefinitionName").orElseThrow();
    computeEnvironment = emulator.stack().output("ComputeEnvironmentName").orElseThrow();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /** What the watcher saw over one run. */
  record Observation(int maxRunning, int maxInstances, int maxDesiredvCpus, List<JobDetail> finished,
      List<ContainerInstance> instancesSeen) {}

  private List<String> submit(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      int n = i;
      ids.add(batch.submitJob(r -> r.jobName("my-batch-job-" + n).jobQueue(queue).jobDefinition(definition)).jobId());
    }
    return ids;
  }

  private Observation watch(List<String> ids) {
    int maxRunning = 0;
    int maxInstances = 0;
    int maxDesired = 0;
    Map<String, ContainerInstance> seen = new java.util.LinkedHashMap<>();
    String cluster = batch.describeComputeEnvironments(r -> r.computeEnvironments(computeEnvironment))
        .computeEnvironments().get(0).ecsClusterArn();
    for (int poll = 0; poll < 1000; poll++) {
      List<JobDetail> jobs = batch.describeJobs(r -> r.jobs(ids)).jobs();
      int running = batch.listJobs(r -> r.jobQueue(queue).jobStatus(JobStatus.RUNNING)).jobSummaryList().size();
      List<String> arns = ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
      if (!arns.isEmpty()) {
        ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns)).containerInstances()
            .forEach(ci -> seen.putIfAbsent(ci.containerInstanceArn(), ci));
      }
      int desired = batch.describeComputeEnvironments(r -> r.computeEnvironments(computeEnvironment))
          .computeEnvironments().get(0).computeResources().desiredvCpus();
      int runningTasks = seen.values().isEmpty() || arns.isEmpty() ? 0 : ecs.describeContainerInstances(
          r -> r.cluster(cluster).containerInstances(arns)).containerInstances().stream()
          .mapToInt(ContainerInstance::runningTasksCount).sum();
      assertThat(runningTasks).as("ECS counts the RUNNING jobs as running tasks").isEqualTo(running);
      maxRunning = Math.max(maxRunning, running);
      maxInstances = Math.max(maxInstances, arns.size());
      maxDesired = Math.max(maxDesired, desired);
      if (jobs.stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED || j.status() == JobStatus.FAILED)) {
        return new Observation(maxRunning, maxInstances, maxDesired, jobs, List.copyOf(seen.values()));
      }
      if (poll > 0) {
        // Jobs waiting for capacity are RUNNABLE (queued): nothing fails or hangs elsewhere.
        assertThat(jobs).extracting(JobDetail::status).allMatch(s -> s == JobStatus.RUNNABLE
            || s == JobStatus.STARTING || s == JobStatus.RUNNING || s == JobStatus.SUCCEEDED);
      }
      emulator.advance(Duration.ofSeconds(POLL_SECONDS));
    }
    throw new AssertionError("jobs did not finish");
  }

  private static long makespanMillis(List<JobDetail> jobs) {
    long first = jobs.stream().mapToLong(JobDetail::createdAt).min().orElseThrow();
    long last = jobs.stream().mapToLong(JobDetail::stoppedAt).max().orElseThrow();
    return last - first;
  }

  private static long distinctStartTimes(List<JobDetail> jobs) {
    return jobs.stream().map(JobDetail::startedAt).distinct().count();
  }

  @Test
  void maxVcpusFourRunsTenTwoVcpuJobsTwoAtATimeInFiveWavesOnTwoInstances() {
    Observation run = watch(submit(1, 10));

    assertThat(run.finished()).hasSize(10).allSatisfy(j -> {
      assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(j.stoppedAt() - j.startedAt()).isEqualTo(60_000);
      assertThat(j.container().command()).containsExactly("python", "sleep_example.py", "60");
      assertThat(j.attempts()).singleElement().satisfies(a -> assertThat(a.container().exitCode()).isZero());
    });
    assertThat(run.maxRunning()).isEqualTo(2);
    assertThat(distinctStartTimes(run.finished())).isEqualTo(5);
    assertThat(run.maxInstances()).isEqualTo(2);
    assertThat(run.maxDesiredvCpus()).isEqualTo(4);
    assertThat(run.instancesSeen()).hasSize(2).allSatisfy(ci -> assertThat(ci.attributes())
        .anySatisfy(a -> assertThat(a.name() + "=" + a.value()).isEqualTo("ecs.instance-type=m7i.large")));
    // 5 waves of (job start + 60 s) after dispatch and one instance boot: 300 s of work plus overheads.
    long expected = TIMINGS.dispatch().toMillis() + TIMINGS.instanceBoot().toMillis()
        + 5 * (TIMINGS.jobStart().toMillis() + 60_000);
    assertThat(makespanMillis(run.finished())).isEqualTo(expected);
    // FIFO: jobs start in submission order.
    List<Long> starts = run.finished().stream().map(JobDetail::startedAt).toList();
    assertThat(starts).isSorted();
  }

  @Test
  void raisingMaxVcpusToTwentyRunsTenMoreJobsInOneWaveOnTenInstances() {
    watch(submit(1, 10));
    // Idle instances scale in after the scale-down delay, back to minvCpus 0.
    emulator.advance(TIMINGS.scaleDown().plusSeconds(POLL_SECONDS));
    assertThat(desiredvCpus()).isZero();

    batch.updateComputeEnvironment(r -> r.computeEnvironment(computeEnvironment)
        .computeResources(c -> c.desiredvCpus(2).maxvCpus(20)));
    assertThat(batch.describeComputeEnvironments(r -> r.computeEnvironments(computeEnvironment))
        .computeEnvironments().get(0).computeResources().maxvCpus()).isEqualTo(20);
    Observation run = watch(submit(11, 20));

    assertThat(run.finished()).hasSize(10).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
    assertThat(run.maxRunning()).isEqualTo(10);
    assertThat(run.maxInstances()).isEqualTo(10);
    assertThat(run.maxDesiredvCpus()).isEqualTo(20);
    List<Long> starts = run.finished().stream().map(JobDetail::startedAt).toList();
    assertThat(starts.stream().mapToLong(Long::longValue).max().orElseThrow()
        - starts.stream().mapToLong(Long::longValue).min().orElseThrow())
        .as("all ten start within the dispatch delay of each other").isLessThanOrEqualTo(TIMINGS.dispatch().toMillis());
    long oneWave = TIMINGS.dispatch().toMillis() + TIMINGS.instanceBoot().toMillis() + TIMINGS.jobStart().toMillis() + 60_000;
    assertThat(makespanMillis(run.finished())).isBetween(oneWave - TIMINGS.dispatch().toMillis(), oneWave);
    Map<String, Long> byType = run.instancesSeen().stream().collect(Collectors.groupingBy(
        ci -> ci.attributes().stream().filter(a -> a.name().equals("ecs.instance-type")).findFirst().orElseThrow().value(),
        Collectors.counting()));
    assertThat(byType).containsExactly(Map.entry("m7i.large", 10L));
  }

  private int desiredvCpus() {
    return batch.describeComputeEnvironments(r -> r.computeEnvironments(computeEnvironment))
        .computeEnvironments().get(0).computeResources().desiredvCpus();
  }
}
