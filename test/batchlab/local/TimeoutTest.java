package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;

/** Job timeouts (User Guide, "Job timeouts"): SIGTERM at the limit, SIGKILL 30 s later, as the workload handles it. */
class TimeoutTest {

  private static JobDetail timedOut(WorkloadModel workload, int runSeconds) {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.workload(workload))) {
      String id = harness.submit("slow", r -> r.parameters(Map.of("seconds", String.valueOf(runSeconds)))
          .timeout(t -> t.attemptDurationSeconds(60)));
      harness.runToCompletion();
      return harness.job(id);
    }
  }

  private static long ranMillis(AttemptDetail attempt) {
    return attempt.stoppedAt() - attempt.startedAt();
  }

  @Test
  void theLabsScriptExitsOnSigtermAtTheLimitWith143() {
    JobDetail job = timedOut(new batchlab.experiment.LabWorkload(Duration.ofSeconds(60)), 600);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.statusReason()).isEqualTo("Job attempt duration exceeded timeout");
    assertThat(job.attempts()).singleElement().satisfies(a -> {
      assertThat(ranMillis(a)).isEqualTo(60_000);
      assertThat(a.container().exitCode()).isEqualTo(143);
    });
  }

  @Test
  void aProgramThatIgnoresSigtermIsKilledThirtySecondsLaterWith137() {
    JobDetail job = timedOut(submission -> WorkloadModel.Run.succeedsAfter(Duration.ofMinutes(10)).ignoringSigterm(), 600);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.attempts()).singleElement().satisfies(a -> {
      assertThat(ranMillis(a)).isEqualTo(90_000);
      assertThat(a.container().exitCode()).isEqualTo(137);
      assertThat(a.statusReason()).isEqualTo("Job attempt duration exceeded timeout");
    });
  }

  @Test
  void aProgramThatIgnoresSigtermButFinishesWithinTheGracePeriodExitsOnItsOwn() {
    JobDetail job = timedOut(submission -> WorkloadModel.Run.succeedsAfter(Duration.ofSeconds(75)).ignoringSigterm(), 75);
    assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(job.attempts()).singleElement().satisfies(a -> {
      assertThat(ranMillis(a)).isEqualTo(75_000);
      assertThat(a.container().exitCode()).isZero();
    });
  }
}
