package batchlab.infra;

import au.com.origin.snapshots.Expect;
import au.com.origin.snapshots.annotations.UseSnapshotConfig;
import au.com.origin.snapshots.junit5.SnapshotExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole template of a set-up with an extra queue and a fair-share policy, against its committed
 * snapshot in {@code __snapshots__/} (a file of its own, so the article's snapshots stay untouched).
 */
@ExtendWith(SnapshotExtension.class)
@UseSnapshotConfig(TemplateSnapshotConfig.class)
class FairShareTemplateSnapshotTest {

  private Expect expect;

  @Test
  void templateWithAHighPriorityQueueAndTwoSharesMatchesSnapshot() {
    expect.serializer("json").toMatchSnapshot(TemplateSnapshotTest.normalised(Map.of(
        "queues", "high:10", "fairShare", "true", "shares", "teamA:1,teamB:0.5", "shareDecaySeconds", "600",
        "computeReservation", "50", "schedulingPriority", "5")));
  }
}
