package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What calibration reads, through the real SDK clients: ECS DescribeTasks gives each attempt's task
 * times and EC2 DescribeInstances each instance's launchTime, consistent with the emulator's timings
 * and with what DescribeJobs and DescribeContainerInstances report.
 */
class CalibrationFieldsTest {

  static final Timings TIMINGS = Timings.DEFAULT.withInstanceBoot(Duration.ofSeconds(150))
      .withJobStart(Duration.ofSeconds(12));

  final EmulatorHarness lab = new EmulatorHarness(b -> b.timings(TIMINGS));
  final Ec2Client ec2 = Fixtures.ec2(lab.emulator);

  @AfterEach
  void close() {
    ec2.close();
    lab.close();
  }

  @Test
  void aTaskIsCreatedWhenTheJobIsPlacedAndStartsWhenItRuns() {
    String id = lab.submit("one");
    lab.runToCompletion();
    JobDetail job = lab.job(id);
    AttemptDetail attempt = job.attempts().get(0);
    String cluster = lab.batch.describeComputeEnvironments(r -> r.computeEnvironments(lab.computeEnvironment))
        .computeEnvironments().get(0).ecsClusterArn();

    DescribeTasksResponse described = lab.ecs.describeTasks(r -> r.cluster(cluster)
        .tasks(attempt.container().taskArn(), "no-such-task"));

    Task task = described.tasks().get(0);
    assertThat(task.taskArn()).isEqualTo(attempt.container().taskArn());
    assertThat(task.containerInstanceArn()).isEqualTo(attempt.container().containerInstanceArn());
    assertThat(task.startedAt()).isEqualTo(Instant.ofEpochMilli(attempt.startedAt()));
    assertThat(task.stoppedAt()).isEqualTo(Instant.ofEpochMilli(attempt.stoppedAt()));
    assertThat(Duration.between(task.createdAt(), task.startedAt())).isEqualTo(TIMINGS.jobStart());
    assertThat(task.lastStatus()).isEqualTo("STOPPED");
    assertThat(task.pullStartedAt()).as("the emulator models no separate image pull").isNull();
    assertThat(described.failures()).singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
  }

  @Test
  void anInstanceRegistersTheBootDelayAfterItsLaunchTime() {
    String id = lab.submit("one");
    lab.runToCompletion();
    String cluster = lab.batch.describeComputeEnvironments(r -> r.computeEnvironments(lab.computeEnvironment))
        .computeEnvironments().get(0).ecsClusterArn();
    String containerInstance = lab.job(id).attempts().get(0).container().containerInstanceArn();
    ContainerInstance registered = lab.ecs.describeContainerInstances(r -> r.cluster(cluster)
        .containerInstances(containerInstance)).containerInstances().get(0);

    Instance launched = ec2.describeInstances(r -> r.instanceIds(registered.ec2InstanceId()))
        .reservations().get(0).instances().get(0);

    assertThat(launched.instanceTypeAsString()).isEqualTo("m7i.large");
    assertThat(Duration.between(launched.launchTime(), registered.registeredAt())).isEqualTo(TIMINGS.instanceBoot());
    Instant created = Instant.ofEpochMilli(lab.job(id).createdAt());
    assertThat(Duration.between(created, launched.launchTime())).isEqualTo(TIMINGS.dispatch());
  }

  @Test
  void anUnknownInstanceIsAnEc2ErrorAndTheServerKeepsServing() {
    assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
        .isInstanceOfSatisfying(Ec2Exception.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The instance ID 'i-0123456789abcdef0' does not exist");
          assertThat(e.statusCode()).isEqualTo(400);
        });
    assertThat(ec2.describeInstances(r -> { }).reservations()).isEmpty();
  }
}
