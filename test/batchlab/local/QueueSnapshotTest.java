package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.ClientException;
import software.amazon.awssdk.services.batch.model.FrontOfQueueJobSummary;
import software.amazon.awssdk.services.batch.model.GetJobQueueSnapshotResponse;
import software.amazon.awssdk.services.batch.model.QueueSnapshotCapacityUsage;

/** GetJobQueueSnapshot through the SDK's BatchClient.getJobQueueSnapshot, on the article's queue (maxvCpus 4). */
class QueueSnapshotTest {

  EmulatorHarness harness = new EmulatorHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  private GetJobQueueSnapshotResponse snapshot() {
    return harness.batch.getJobQueueSnapshot(r -> r.jobQueue(harness.queue));
  }

  private String arn(String id) {
    return harness.job(id).jobArn();
  }

  @Test
  void theFrontOfQueueListsRunnableJobsInDispatchOrderWithTheTimeTheyTookTheirPlace() {
    long start = harness.emulator.now().toEpochMilli();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(harness.submit("job-" + i));
    }
    harness.emulator.advance(Duration.ofSeconds(2)); // dispatch: all RUNNABLE
    List<FrontOfQueueJobSummary> front = snapshot().frontOfQueue().jobs();
    assertThat(front).extracting(FrontOfQueueJobSummary::jobArn)
        .containsExactly(ids.stream().map(this::arn).toArray(String[]::new));
    assertThat(front).extracting(FrontOfQueueJobSummary::earliestTimeAtPosition).containsOnly(start + 2_000);

    // The instances boot (90 s), the first two jobs leave the line: the rest move up at that moment.
    harness.emulator.advance(Duration.ofSeconds(90));
    GetJobQueueSnapshotResponse later = snapshot();
    assertThat(later.frontOfQueue().jobs()).extracting(FrontOfQueueJobSummary::jobArn)
        .containsExactly(arn(ids.get(2)), arn(ids.get(3)), arn(ids.get(4)));
    assertThat(later.frontOfQueue().jobs()).extracting(FrontOfQueueJobSummary::earliestTimeAtPosition)
        .containsOnly(start + 92_000);
    assertThat(later.frontOfQueue().lastUpdatedAt()).isEqualTo(harness.emulator.now().toEpochMilli());
  }

  @Test
  void theUtilizationIsTheVcpusOfTheQueuesDispatchedJobsAndFairShareIsEmpty() {
    for (int i = 0; i < 5; i++) {
      harness.submit("job-" + i);
    }
    assertThat(snapshot().queueUtilization().totalCapacityUsage()).extracting(QueueSnapshotCapacityUsage::capacityUnit,
        QueueSnapshotCapacityUsage::quantity).containsExactly(org.assertj.core.groups.Tuple.tuple("VCPU", 0.0));

    harness.emulator.advance(Duration.ofSeconds(100)); // two jobs RUNNING on two m7i.large
    GetJobQueueSnapshotResponse running = snapshot();
    assertThat(running.queueUtilization().totalCapacityUsage().get(0).quantity()).isEqualTo(4.0);
    assertThat(running.queueUtilization().fairshareUtilization().activeShareCount()).isZero();
    assertThat(running.queueUtilization().fairshareUtilization().topCapacityUtilization()).isEmpty();
    assertThat(running.queueUtilization().lastUpdatedAt()).isEqualTo(harness.emulator.now().toEpochMilli());
  }

  @Test
  void atMostTheFirstHundredRunnableJobsAreListed() {
    harness.batch.submitJob(r -> r.jobName("array").jobQueue(harness.queue).jobDefinition(harness.definition)
        .arrayProperties(a -> a.size(150)));
    harness.emulator.advance(Duration.ofSeconds(2));
    assertThat(snapshot().frontOfQueue().jobs()).hasSize(100);
  }

  @Test
  void anUnknownQueueIsAClientErrorAndTheServerKeepsServing() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> harness.batch.getJobQueueSnapshot(r -> r.jobQueue("no-such-queue")))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("job queue no-such-queue does not exist");
    assertThat(snapshot().frontOfQueue().jobs()).isEmpty();
  }
}
