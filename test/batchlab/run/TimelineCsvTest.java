package batchlab.run;

import static org.assertj.core.api.Assertions.assertThat;

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
}
