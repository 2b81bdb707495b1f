package batchlab.analysis;

import static batchlab.run.Attempts.at;
import static batchlab.run.Attempts.slotted;
import static batchlab.run.Attempts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.Attempts;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningStepTest {

  @Test
  void handOverAtTheSameInstantIsNotAnOverlap() {
    List<JobAttempt> attempts = List.of(succeeded(1, 0, 10, 70, "a"), succeeded(2, 0, 70, 130, "a"));
    assertThat(RunningStep.max(attempts)).isEqualTo(1);
    assertThat(RunningStep.of(attempts)).containsExactly(
        new RunningStep(at(10), 1), new RunningStep(at(70), 1), new RunningStep(at(130), 0));
  }

  @Test
  void maxRunningOfTwoSlotsIsTwo() {
    assertThat(RunningStep.max(slotted(10, 2, 30, 60, 5))).isEqualTo(2);
  }

  @Test
  void attemptsStillRunningCountUntilTheEnd() {
    JobAttempt running = new JobAttempt("job-2", "id-2", 1, JobState.RUNNING, null, null, at(0), at(0), at(50),
        null, "b", null, null);
    assertThat(RunningStep.max(List.of(succeeded(1, 0, 10, 70, "a"), running))).isEqualTo(2);
  }
}
