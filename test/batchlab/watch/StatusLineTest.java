package batchlab.watch;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.JobState;
import batchlab.run.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLineTest {

  @Test
  void jobsTheServerHasNotDescribedShowApartAndAreNotCountedAsSubmitted() {
    Sample sample = new Sample(Instant.EPOCH, Map.of(JobState.RUNNABLE, 9), 0, 4, 1);
    assertThat(StatusLine.format(sample, Duration.ofSeconds(5), 10)).isEqualTo("      5s  SUBMITTED 0  PENDING 0  "
        + "RUNNABLE 9  STARTING 0  RUNNING 0  SUCCEEDED 0  FAILED 0  unknown 1  | instances 0  desiredvCpus 4  (10 jobs)");
  }

  @Test
  void withEveryJobDescribedTheLineHasNoUnknownCount() {
    Sample sample = new Sample(Instant.EPOCH, Map.of(JobState.RUNNABLE, 10), 0, 4);
    assertThat(StatusLine.format(sample, Duration.ofSeconds(5), 10)).doesNotContain("unknown");
  }
}
