package batchlab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineCsvTest {

  @Test
  void quotesFieldsWithCommasAndQuotesAndLeavesUnknownsEmpty() {
    JobAttempt attempt = new JobAttempt("job-1", "id-1", 1, JobState.FAILED,
        "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - needs \"8 vCPU\", has 2", null, Attempts.T0, Attempts.T0,
        null, Attempts.at(600), null, null, null);
    assertThat(TimelineCsv.render(List.of(attempt)).lines().skip(1)).containsExactly(
        "job-1,id-1,1,2025-03-01T10:00:00Z,,2025-03-01T10:10:00Z,FAILED,"
            + "\"MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - needs \"\"8 vCPU\"\", has 2\",,,,");
  }

  @Test
  void parseReadsBackWhatRenderWroteWithTheRetrysQueuedAtRebuilt() {
    JobAttempt reclaimed = new JobAttempt("job-1", "id-1", 1, JobState.FAILED, "Host EC2 (instance i-1) terminated.",
        null, Attempts.T0, Attempts.T0, Attempts.at(100), Attempts.at(130), "i-1", "m7i.large", "log/1");
    JobAttempt retry = new JobAttempt("job-1", "id-1", 2, JobState.SUCCEEDED, "a, \"quoted\"\nreason", 0, Attempts.T0,
        Attempts.at(130), Attempts.at(230), Attempts.at(290), "i-2", "m7i.large", "log/2");
    JobAttempt neverRan = new JobAttempt("job-2", "id-2", 1, JobState.RUNNABLE, null, null, Attempts.T0, Attempts.T0,
        null, null, null, null, null);
    List<JobAttempt> attempts = List.of(reclaimed, retry, neverRan);
    assertThat(TimelineCsv.parse(TimelineCsv.render(attempts))).isEqualTo(attempts);
  }

  @Test
  void parseRefusesAFileThatIsNotATimeline() {
    assertThatThrownBy(() -> TimelineCsv.parse("a,b\n1,2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the first line is not the header " + TimelineCsv.HEADER);
    assertThatThrownBy(() -> TimelineCsv.parse(TimelineCsv.HEADER + "\njob-1,id-1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 1 has 2 fields, not 12");
  }
}
