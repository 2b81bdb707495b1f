package batchlab.analysis;

import static batchlab.run.Attempts.slotted;
import static batchlab.run.Attempts.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.Attempts;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavesTest {

  @Test
  void tenJobsTwoAtATimeMakeFiveWaves() {
    assertThat(Waves.count(slotted(10, 2, 30, 60, 0))).isEqualTo(5);
  }

  @Test
  void slotsOutOfStepStillMakeFiveWaves() {
    // The second slot runs 5 s behind the first: its job starts after the first slot's job
    // of the previous wave stopped, yet it belongs to the same round.
    assertThat(Waves.count(slotted(10, 2, 30, 60, 5))).isEqualTo(5);
  }

  @Test
  void tenJobsAllStartedBeforeAnyStopsAreOneWave() {
    assertThat(Waves.count(slotted(10, 10, 90, 60, 2))).isEqualTo(1);
  }

  @Test
  void aStartAtTheExactStopOfAnotherOpensANewWave() {
    assertThat(Waves.count(List.of(succeeded(1, 0, 10, 70, "a"), succeeded(2, 0, 70, 130, "a")))).isEqualTo(2);
  }

  @Test
  void attemptsThatNeverStartedCountNoWave() {
    JobAttempt waiting = new JobAttempt("job-1", "id-1", 1, JobState.RUNNABLE, null, null, Attempts.T0, Attempts.T0,
        null, null, null, null, null);
    assertThat(Waves.count(List.of(waiting))).isZero();
  }
}
