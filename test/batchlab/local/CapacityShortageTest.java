package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.util.BadInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;

/**
 * Capacity limits per instance type (a spot pool running dry): BEST_FIT waits for its one type, the
 * progressive and spot strategies move on to the next, and when nothing can be launched the first
 * waiting job shows the documented CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY reason.
 */
class CapacityShortageTest {

  static final String SHORT_OF_C7I =
      "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY - Service cannot fulfill the capacity requested for instance type c7i.large";

  EmulatorHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private void start(String capacity) {
    harness = new EmulatorHarness(b -> b.capacity(CapacityLimits.parse(capacity))
        .timings(Timings.DEFAULT.withScaleDown(Duration.ofHours(1))));
  }

  /** c7i.large is the cheapest of the two per instance and per vCPU, so every strategy asks for it first. */
  private void environment(String name, String type, String strategy, int max) {
    harness.batch.createComputeEnvironment(r -> r.computeEnvironmentName(name).type("MANAGED")
        .computeResources(c -> c.type(type).allocationStrategy(strategy).minvCpus(0).maxvCpus(max)
            .instanceTypes("m7i.large", "c7i.large").subnets("subnet-0a").instanceRole("ecsInstanceRole")));
    harness.batch.createJobQueue(r -> r.jobQueueName(name + "-queue").priority(10)
        .computeEnvironmentOrder(Fixtures.first(name))
        .jobStateTimeLimitActions(a -> a.reason("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY").state("RUNNABLE")
            .maxTimeSeconds(600).action("CANCEL")));
  }

  private List<String> submit(String name, int jobs) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      ids.add(harness.batch.submitJob(r -> r.jobName("j").jobQueue(name + "-queue").jobDefinition(harness.definition)
          .containerOverrides(o -> o.resourceRequirements(Fixtures.vcpus(2), Fixtures.memory(1024)))).jobId());
    }
    return ids;
  }

  private Set<String> launchedTypes(String name) {
    String cluster = harness.batch.describeComputeEnvironments(r -> r.computeEnvironments(name))
        .computeEnvironments().get(0).ecsClusterArn();
    List<String> arns = harness.ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
    Set<String> types = new TreeSet<>();
    if (!arns.isEmpty()) {
      harness.ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns)).containerInstances()
          .forEach(ci -> ci.attributes().stream().filter(a -> a.name().equals("ecs.instance-type"))
              .forEach(a -> types.add(a.value())));
    }
    return types;
  }

  private long running(List<String> ids) {
    return harness.jobs(ids).stream().filter(j -> j.status() == JobStatus.RUNNING).count();
  }

  @Test
  void bestFitWaitsForItsOneTypeAndTheFirstWaitingJobSaysWhy() {
    start("c7i.large=1");
    environment("fit", "EC2", "BEST_FIT", 8);
    List<String> ids = submit("fit", 4);
    harness.emulator.advance(Duration.ofSeconds(100));

    assertThat(running(ids)).isEqualTo(1);
    assertThat(launchedTypes("fit")).containsExactly("c7i.large");
    List<JobDetail> jobs = harness.jobs(ids);
    assertThat(jobs.get(1).statusReason()).isEqualTo(SHORT_OF_C7I);
    assertThat(jobs.get(2).statusReason()).as("the jobs behind it just wait").isNull();

    harness.runToCompletion();
    assertThat(harness.jobs(ids)).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
  }

  @Test
  void bestFitProgressiveMovesOnToTheNextAllowedType() {
    start("c7i.large=1");
    environment("progressive", "EC2", "BEST_FIT_PROGRESSIVE", 8);
    List<String> ids = submit("progressive", 4);
    harness.emulator.advance(Duration.ofSeconds(100));

    assertThat(running(ids)).isEqualTo(4);
    assertThat(launchedTypes("progressive")).containsExactly("c7i.large", "m7i.large");
    assertThat(harness.jobs(ids)).allMatch(j -> j.statusReason() == null
        || !j.statusReason().startsWith("CAPACITY"));
  }

  @Test
  void spotStrategiesMoveOnToTheNextAllowedType() {
    start("c7i.large=2");
    environment("spot", "SPOT", "SPOT_CAPACITY_OPTIMIZED", 8);
    List<String> ids = submit("spot", 4);
    harness.emulator.advance(Duration.ofSeconds(100));

    assertThat(running(ids)).isEqualTo(4);
    assertThat(launchedTypes("spot")).containsExactly("c7i.large", "m7i.large");
  }

  @Test
  void whenNothingCanBeLaunchedTheHeadJobBlocksTheQueueUntilItsTimeLimitCancelsIt() {
    start("c7i.large=0,m7i.large=0");
    environment("dry", "SPOT", "SPOT_PRICE_CAPACITY_OPTIMIZED", 8);
    List<String> ids = submit("dry", 3);
    harness.emulator.advance(Duration.ofSeconds(10));

    List<JobDetail> jobs = harness.jobs(ids);
    assertThat(jobs).allMatch(j -> j.status() == JobStatus.RUNNABLE);
    assertThat(jobs.get(0).statusReason()).isEqualTo(SHORT_OF_C7I);
    assertThat(jobs.get(1).statusReason()).isNull();
    assertThat(launchedTypes("dry")).isEmpty();

    harness.emulator.advance(Duration.ofSeconds(600));
    jobs = harness.jobs(ids);
    assertThat(jobs.get(0).status()).isEqualTo(JobStatus.FAILED);
    assertThat(jobs.get(0).statusReason())
        .isEqualTo("Canceled by JobStateTimeLimit action due to reason: CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY");
    assertThat(jobs.get(1).statusReason()).as("the next job moved to the head").isEqualTo(SHORT_OF_C7I);
  }

  @Test
  void theLimitCountsInstancesInEveryComputeEnvironmentAndFreedPlacesComeBack() {
    start("m7i.large=1");
    // The article's stack: one m7i.large, so its ten jobs run one at a time.
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(harness.submit("article-" + i));
    }
    harness.emulator.advance(Duration.ofSeconds(100));
    assertThat(running(ids)).isEqualTo(1);
    harness.runToCompletion();
    assertThat(harness.jobs(ids)).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
  }

  @Test
  void badLimitsAreRefusedWithOneLineNamingTheEntry() {
    assertThatThrownBy(() -> CapacityLimits.parse("m7i.large"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--capacity entry 'm7i.large' is not TYPE=COUNT (allowed: e.g. m7i.large=6,c7i.large=0)");
    assertThatThrownBy(() -> CapacityLimits.parse("m9z.large=2"))
        .hasMessage("capacity limit for 'm9z.large': not an instance type the emulator knows "
            + "(allowed: an exact type such as m7i.large)");
    assertThatThrownBy(() -> CapacityLimits.parse("m7i.large=-1"))
        .hasMessage("capacity limit m7i.large=-1: give 0 or more instances");
    assertThatThrownBy(() -> CapacityLimits.parse("m7i.large=1,m7i.large=2"))
        .hasMessage("--capacity names m7i.large twice; give each instance type once");
    assertThat(CapacityLimits.parse(" m7i.large=6, c7g.large=0 ").maxInstances())
        .isEqualTo(Map.of("m7i.large", 6, "c7g.large", 0));
  }
}
