package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.batch.model.ClientException;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;

/** The scaling policy's scale-down delay (API Reference, ComputeScalingPolicy), through the SDK. */
class ScaleDownDelayTest {

  EmulatorHarness harness = new EmulatorHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  private void environment(String name, String strategy, Integer delayMinutes) {
    harness.batch.createComputeEnvironment(r -> r.computeEnvironmentName(name).type("MANAGED")
        .computeResources(c -> {
          c.type("EC2").allocationStrategy(strategy).minvCpus(0).maxvCpus(4).instanceTypes("m7i.large")
              .subnets("subnet-1").instanceRole("ecsInstanceRole");
          if (delayMinutes != null) {
            c.scalingPolicy(p -> p.minScaleDownDelayMinutes(delayMinutes));
          }
        }));
    harness.batch.createJobQueue(r -> r.jobQueueName(name + "-queue").priority(5)
        .computeEnvironmentOrder(Fixtures.first(name)));
  }

  private ComputeEnvironmentDetail describe(String name) {
    return harness.batch.describeComputeEnvironments(r -> r.computeEnvironments(name)).computeEnvironments().get(0);
  }

  private List<String> instances(String name) {
    return harness.ecs.listContainerInstances(r -> r.cluster(describe(name).ecsClusterArn())).containerInstanceArns();
  }

  /** Runs one 60 s job on the environment and returns it, finished. */
  private JobDetail runOneJob(String name) {
    String id = harness.batch.submitJob(r -> r.jobName("one").jobQueue(name + "-queue")
        .jobDefinition(harness.definition).parameters(Map.of("seconds", "60"))).jobId();
    harness.runToCompletion();
    return harness.job(id);
  }

  @Test
  void theDelayCountsFromTheEndOfTheInstancesLastJob() {
    environment("policy", "BEST_FIT_PROGRESSIVE", 20);
    runOneJob("policy");
    harness.emulator.advance(Duration.ofMinutes(20).minusSeconds(1));
    assertThat(instances("policy")).hasSize(1);
    harness.emulator.advance(Duration.ofSeconds(1));
    assertThat(instances("policy")).isEmpty();
  }

  @Test
  void changingTheDelayReTimesAnInstanceThatIsAlreadyIdle() {
    environment("policy", "BEST_FIT_PROGRESSIVE", 20);
    runOneJob("policy");
    harness.emulator.advance(Duration.ofMinutes(10));
    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment("policy")
        .computeResources(c -> c.scalingPolicy(p -> p.minScaleDownDelayMinutes(30))));

    harness.emulator.advance(Duration.ofMinutes(15));
    assertThat(instances("policy")).as("25 min after its job: the old 20 min timer must not fire").hasSize(1);
    harness.emulator.advance(Duration.ofMinutes(5));
    assertThat(instances("policy")).as("30 min after its job").isEmpty();
  }

  @Test
  void unsettingTheDelayWithZeroFallsBackToTheEmulatorsDefault() {
    environment("policy", "BEST_FIT_PROGRESSIVE", 20);
    runOneJob("policy");
    harness.emulator.advance(Duration.ofMinutes(10));
    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment("policy")
        .computeResources(c -> c.scalingPolicy(p -> p.minScaleDownDelayMinutes(0))));
    harness.emulator.advance(Duration.ofSeconds(1));
    assertThat(instances("policy")).as("idle 10 min, more than the default 5 min").isEmpty();
  }

  @Test
  void theDelayDoesNotHoldANewInstanceThatHasNotRunAJob() {
    environment("policy", "BEST_FIT_PROGRESSIVE", 60);
    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment("policy").computeResources(c -> c.desiredvCpus(2)));
    harness.emulator.advance(Timings.DEFAULT.instanceBoot());
    assertThat(instances("policy")).hasSize(1);
    harness.emulator.advance(Timings.DEFAULT.scaleDown());
    assertThat(instances("policy")).as("the emulator's default applies, not the 60 min policy").isEmpty();
  }

  @Test
  void aScalingPolicyChangeIsAScalingUpdateAllowedOnBestFit() {
    environment("fit", "BEST_FIT", 20);
    harness.batch.updateComputeEnvironment(r -> r.computeEnvironment("fit")
        .computeResources(c -> c.scalingPolicy(p -> p.minScaleDownDelayMinutes(45))));
    assertThat(describe("fit").computeResources().scalingPolicy().minScaleDownDelayMinutes()).isEqualTo(45);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 19, 10_081})
  void delaysOutsideTwentyToTenThousandEightyMinutesAreRefused(int minutes) {
    assertThatThrownBy(() -> environment("bad", "BEST_FIT_PROGRESSIVE", minutes))
        .isInstanceOf(ClientException.class)
        .hasMessageStartingWith("computeResources.scalingPolicy.minScaleDownDelayMinutes " + minutes
            + " is out of range: allowed 0 (unset) or 20 to 10080");
    assertThat(harness.batch.describeComputeEnvironments(r -> r.computeEnvironments("bad")).computeEnvironments())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 20, 10_080})
  void theBoundsAndZeroAreAccepted(int minutes) {
    environment("ok", "BEST_FIT_PROGRESSIVE", minutes);
    assertThat(describe("ok").computeResources().scalingPolicy().minScaleDownDelayMinutes()).isEqualTo(minutes);
  }
}
