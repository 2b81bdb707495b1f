package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/** Scale-out by allocation strategy, the maxvCpus limit and its one-instance overshoot, bin-packing, minvCpus. */
class CapacityTest {

  EmulatorHarness harness = new EmulatorHarness(b -> b.timings(Timings.DEFAULT.withScaleDown(Duration.ofHours(1))));

  @AfterEach
  void stop() {
    harness.close();
  }

  private void environment(String name, String type, String strategy, int min, int max, String... instanceTypes) {
    harness.batch.createComputeEnvironment(r -> r.computeEnvironmentName(name).type("MANAGED")
        .computeResources(c -> c.type(type).allocationStrategy(strategy).minvCpus(min).maxvCpus(max)
            .instanceTypes(instanceTypes).subnets("subnet-0a").instanceRole("ecsInstanceRole")));
    harness.batch.createJobQueue(r -> r.jobQueueName(name + "-queue").priority(10)
        .computeEnvironmentOrder(Fixtures.first(name)));
  }

  /** Submits jobs of the given size for 60 s each and watches until done; returns the peak figures. */
  private record Peak(int desiredvCpus, int running, List<ContainerInstance> instances) {}

  private Peak run(String name, int jobs, int vcpus, int memory) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      ids.add(harness.batch.submitJob(r -> r.jobName("j").jobQueue(name + "-queue").jobDefinition(harness.definition)
          .containerOverrides(o -> o.resourceRequirements(Fixtures.vcpus(vcpus), Fixtures.memory(memory)))).jobId());
    }
    String cluster = harness.batch.describeComputeEnvironments(r -> r.computeEnvironments(name))
        .computeEnvironments().get(0).ecsClusterArn();
    int peakDesired = 0;
    int peakRunning = 0;
    Map<String, ContainerInstance> instances = new java.util.LinkedHashMap<>();
    for (int poll = 0; poll < 400; poll++) {
      peakDesired = Math.max(peakDesired, harness.batch.describeComputeEnvironments(r -> r.computeEnvironments(name))
          .computeEnvironments().get(0).computeResources().desiredvCpus());
      peakRunning = Math.max(peakRunning, harness.batch.listJobs(r -> r.jobQueue(name + "-queue")
          .jobStatus(JobStatus.RUNNING)).jobSummaryList().size());
      List<String> arns = harness.ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
      if (!arns.isEmpty()) {
        harness.ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arns)).containerInstances()
            .forEach(ci -> instances.putIfAbsent(ci.containerInstanceArn(), ci));
      }
      if (harness.jobs(ids).stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED)) {
        return new Peak(peakDesired, peakRunning, List.copyOf(instances.values()));
      }
      harness.emulator.advance(Duration.ofSeconds(5));
    }
    throw new AssertionError("jobs did not finish");
  }

  private static String type(ContainerInstance instance) {
    return instance.attributes().stream().filter(a -> a.name().equals("ecs.instance-type")).findFirst().orElseThrow()
        .value();
  }

  @Test
  void bestFitOnDemandNeverGoesBeyondMaxVcpus() {
    environment("fit", "EC2", "BEST_FIT", 0, 6, "m7i.xlarge");
    Peak peak = run("fit", 3, 2, 1024);
    assertThat(peak.desiredvCpus()).isEqualTo(4);
    assertThat(peak.instances()).hasSize(1);
    assertThat(peak.running()).isEqualTo(2);
  }

  @Test
  void bestFitProgressiveMayOvershootMaxVcpusByOneInstanceButNoMore() {
    environment("progressive", "EC2", "BEST_FIT_PROGRESSIVE", 0, 6, "m7i.xlarge");
    Peak peak = run("progressive", 6, 2, 1024);
    assertThat(peak.desiredvCpus()).isEqualTo(8);
    assertThat(peak.instances()).hasSize(2);
    assertThat(peak.running()).isEqualTo(4);
  }

  @Test
  void progressiveLaunchesTheCheapestTypePerVcpuThatHoldsTheJob() {
    environment("cheap", "SPOT", "SPOT_PRICE_CAPACITY_OPTIMIZED", 0, 8, "m7i.large", "c7i.large", "r7i.large");
    Peak small = run("cheap", 2, 2, 1024);
    assertThat(small.instances()).extracting(CapacityTest::type).containsOnly("c7i.large");
    // 6 GiB does not fit the 4 GiB c7i.large: the next cheapest per vCPU that holds it is m7i.large.
    Peak large = run("cheap", 2, 2, 6144);
    assertThat(large.instances()).extracting(CapacityTest::type).contains("m7i.large").doesNotContain("r7i.large");
  }

  @Test
  void memoryIsBinPackedAlongsideVcpus() {
    // m7i.xlarge: 4 vCPU, 16 GiB of which about 15.5 GiB is usable: three 5000 MiB jobs, not four.
    environment("packed", "EC2", "BEST_FIT", 0, 4, "m7i.xlarge");
    Peak peak = run("packed", 4, 1, 5000);
    assertThat(peak.instances()).hasSize(1);
    assertThat(peak.running()).isEqualTo(3);
    assertThat(peak.instances().get(0).registeredResources())
        .anySatisfy(r -> assertThat(r.name() + "=" + r.integerValue()).isEqualTo("CPU=4096"));
  }

  @Test
  void minVcpusKeepsInstancesRunningWhenIdle() {
    environment("warm", "EC2", "BEST_FIT_PROGRESSIVE", 4, 8, "m7i.large");
    harness.emulator.advance(Duration.ofHours(2));
    var ce = harness.batch.describeComputeEnvironments(r -> r.computeEnvironments("warm")).computeEnvironments().get(0);
    assertThat(ce.computeResources().desiredvCpus()).isEqualTo(4);
    assertThat(harness.ecs.listContainerInstances(r -> r.cluster(ce.ecsClusterArn())).containerInstanceArns()).hasSize(2);
  }

  @Test
  void minVcpusIsKeptOnAnEnvironmentCreatedDisabled() {
    harness.batch.createComputeEnvironment(r -> r.computeEnvironmentName("parked").type("MANAGED").state("DISABLED")
        .computeResources(c -> c.type("EC2").allocationStrategy("BEST_FIT_PROGRESSIVE").minvCpus(2).maxvCpus(8)
            .instanceTypes("m7i.large").subnets("subnet-0a").instanceRole("ecsInstanceRole")));
    harness.emulator.advance(Duration.ofHours(2));
    var ce = harness.batch.describeComputeEnvironments(r -> r.computeEnvironments("parked")).computeEnvironments().get(0);
    assertThat(ce.computeResources().desiredvCpus()).isEqualTo(2);
    assertThat(harness.ecs.listContainerInstances(r -> r.cluster(ce.ecsClusterArn())).containerInstanceArns()).hasSize(1);
  }

  @Test
  void idleInstancesScaleInAfterTheScaleDownDelay() {
    try (EmulatorHarness quick = new EmulatorHarness(b -> b.timings(Timings.DEFAULT.withScaleDown(Duration.ofMinutes(2))))) {
      quick.submit("one");
      quick.runToCompletion();
      var ce = quick.batch.describeComputeEnvironments(r -> r.computeEnvironments(quick.computeEnvironment))
          .computeEnvironments().get(0);
      assertThat(ce.computeResources().desiredvCpus()).isEqualTo(2);
      quick.emulator.advance(Duration.ofSeconds(119));
      assertThat(quick.ecs.listContainerInstances(r -> r.cluster(ce.ecsClusterArn())).containerInstanceArns()).hasSize(1);
      quick.emulator.advance(Duration.ofSeconds(1));
      assertThat(quick.ecs.listContainerInstances(r -> r.cluster(ce.ecsClusterArn())).containerInstanceArns()).isEmpty();
      assertThat(quick.batch.describeComputeEnvironments(r -> r.computeEnvironments(quick.computeEnvironment))
          .computeEnvironments().get(0).computeResources().desiredvCpus()).isZero();
    }
  }
}
