package batchlab.analysis;

import static batchlab.run.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.Attempts;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.Sample;
import batchlab.run.WaitCause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each job's wait is split by the cause the polls saw while it waited. */
class WaitBreakdownTest {

  static final WaitCause BOOTING = new WaitCause(WaitCause.Kind.INSTANCES_BOOTING, "job-1", null, 4);
  static final WaitCause AT_MAX = new WaitCause(WaitCause.Kind.AT_MAX_VCPUS, "job-3", null, 4);

  @Test
  void theArticlesFirstRunWaitsForTheBootThenAtMaxVcpus() {
    // 4 jobs, 2 slots: wave 1 starts at 100 (boot), wave 2 at 160
    List<JobAttempt> jobs = Attempts.slotted(4, 2, 100, 60, 0);
    List<Sample> samples = new ArrayList<>();
    for (int t = 0; t <= 220; t += 10) {
      WaitCause cause = t < 100 ? BOOTING : t < 160 ? AT_MAX : null;
      samples.add(new Sample(at(t), Map.of(JobState.RUNNABLE, t < 100 ? 4 : t < 160 ? 2 : 0), 2, 4, cause));
    }

    WaitBreakdown waits = WaitBreakdown.of(jobs, samples).orElseThrow();

    assertThat(waits.meanWait()).isEqualTo(Duration.ofSeconds(130)); // (100 + 100 + 160 + 160) / 4
    assertThat(waits.parts()).containsExactly(
        new WaitBreakdown.Part("for instances to boot", Duration.ofSeconds(100)),
        new WaitBreakdown.Part("at maxvCpus 4", Duration.ofSeconds(30)));
    assertThat(waits.line()).isEqualTo("jobs waited 130 s on average: 100 s for instances to boot, 30 s at maxvCpus 4");
    assertThat(waits.causes()).extracting(WaitBreakdown.Span::kind)
        .containsExactly(WaitCause.Kind.INSTANCES_BOOTING, WaitCause.Kind.AT_MAX_VCPUS);
    assertThat(waits.causes().get(0).to()).isEqualTo(at(100));
    assertThat(waits.causes().get(1).to()).isEqualTo(at(160));
  }

  @Test
  void timeNoPollExplainedIsDispatchAndContainerStart() {
    List<JobAttempt> jobs = List.of(Attempts.succeeded(1, 0, 20, 80, "i-0"));
    List<Sample> samples = List.of(new Sample(at(5), Map.of(JobState.RUNNABLE, 1), 0, 2, BOOTING),
        new Sample(at(15), Map.of(JobState.STARTING, 1), 1, 2, null), new Sample(at(25), Map.of(), 1, 2, null));

    WaitBreakdown waits = WaitBreakdown.of(jobs, samples).orElseThrow();

    assertThat(waits.line()).isEqualTo("jobs waited 20 s on average: 10 s for instances to boot, "
        + "10 s for dispatch and container start");
  }

  @Test
  void aStatusReasonIsQuoted() {
    WaitCause blocked = new WaitCause(WaitCause.Kind.STATUS_REASON, "job-1",
        "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - too big", 4);
    assertThat(blocked.describe()).isEqualTo("blocked: MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - too big");
  }
}
