package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;

/**
 * TerminateJob on a RUNNING job (API Reference: TerminateJob; ECS StopTask): the container gets SIGTERM
 * and, if still running 30 s later, SIGKILL, through the same rule as a timeout; the job ends FAILED with
 * the call's reason and is not retried.
 */
class TerminateJobTest {

  private static final WorkloadModel TEN_MINUTES_IGNORING_SIGTERM =
      job -> WorkloadModel.Run.succeedsAfter(Duration.ofMinutes(10)).ignoringSigterm();

  /** Submits one 10-minute job that may be retried, runs it until RUNNING and 60 s more; returns its id. */
  private static String runningForAMinute(EmulatorHarness harness) {
    String id = harness.submit("long", r -> r.parameters(Map.of("seconds", "600")).retryStrategy(s -> s.attempts(3)));
    harness.advanceUntil(Duration.ofSeconds(1), Duration.ofMinutes(5),
        batch -> harness.job(id).status() == JobStatus.RUNNING);
    harness.emulator.advance(Duration.ofSeconds(60));
    return id;
  }

  @Test
  void theLabsScriptExitsOnSigtermAtOnceWith143() {
    try (EmulatorHarness harness = new EmulatorHarness()) {
      String id = runningForAMinute(harness);
      long terminatedAt = harness.emulator.now().toEpochMilli();

      harness.batch.terminateJob(r -> r.jobId(id).reason("stop now"));

      JobDetail job = harness.job(id);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.statusReason()).isEqualTo("stop now");
      assertThat(job.isTerminated()).isTrue();
      assertThat(job.attempts()).singleElement().satisfies(a -> {
        assertThat(a.stoppedAt()).isEqualTo(terminatedAt);
        assertThat(a.container().exitCode()).isEqualTo(143);
        assertThat(a.container().reason()).isEqualTo("Task stopped by user");
      });
    }
  }

  @Test
  void aProgramThatIgnoresSigtermRunsOnForThirtySecondsAndIsKilledWith137() {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.workload(TEN_MINUTES_IGNORING_SIGTERM))) {
      String id = runningForAMinute(harness);
      long terminatedAt = harness.emulator.now().toEpochMilli();

      harness.batch.terminateJob(r -> r.jobId(id).reason("stop now"));
      assertThat(harness.job(id).status()).isEqualTo(JobStatus.RUNNING);
      assertThat(harness.job(id).isTerminated()).isTrue();
      harness.emulator.advance(Duration.ofSeconds(29));
      assertThat(harness.job(id).status()).isEqualTo(JobStatus.RUNNING);
      harness.emulator.advance(Duration.ofSeconds(1));

      JobDetail job = harness.job(id);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.statusReason()).isEqualTo("stop now");
      assertThat(job.attempts()).as("a terminated job is not retried").singleElement().satisfies(a -> {
        assertThat(a.stoppedAt()).isEqualTo(terminatedAt + 30_000);
        assertThat(a.container().exitCode()).isEqualTo(137);
        assertThat(a.container().reason()).isEqualTo("Task stopped by user");
      });
    }
  }

  @Test
  void aProgramThatFinishesWithinTheGracePeriodExitsOnItsOwnButTheJobStillFails() {
    WorkloadModel seventySeconds = job -> WorkloadModel.Run.succeedsAfter(Duration.ofSeconds(75)).ignoringSigterm();
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.workload(seventySeconds))) {
      String id = runningForAMinute(harness);

      harness.batch.terminateJob(r -> r.jobId(id).reason("stop now"));
      harness.emulator.advance(Duration.ofSeconds(30));

      JobDetail job = harness.job(id);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.statusReason()).isEqualTo("stop now");
      assertThat(job.attempts()).singleElement().satisfies(a -> {
        assertThat(a.stoppedAt() - a.startedAt()).isEqualTo(75_000);
        assertThat(a.container().exitCode()).isZero();
      });
    }
  }

  @Test
  void aSecondTerminateDuringTheGracePeriodKeepsTheFirstReasonAndKillTime() {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.workload(TEN_MINUTES_IGNORING_SIGTERM))) {
      String id = runningForAMinute(harness);
      long terminatedAt = harness.emulator.now().toEpochMilli();

      harness.batch.terminateJob(r -> r.jobId(id).reason("first"));
      harness.emulator.advance(Duration.ofSeconds(10));
      harness.batch.terminateJob(r -> r.jobId(id).reason("second"));
      harness.emulator.advance(Duration.ofSeconds(20));

      JobDetail job = harness.job(id);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.statusReason()).isEqualTo("first");
      assertThat(job.attempts()).singleElement().satisfies(a -> assertThat(a.stoppedAt()).isEqualTo(terminatedAt + 30_000));
    }
  }

  @Test
  void terminatingAFinishedJobChangesNothing() {
    try (EmulatorHarness harness = new EmulatorHarness()) {
      String id = harness.submit("short", r -> r.parameters(Map.of("seconds", "5")));
      harness.runToCompletion();

      harness.batch.terminateJob(r -> r.jobId(id).reason("too late"));

      JobDetail job = harness.job(id);
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(job.isTerminated()).isFalse();
      assertThat(job.statusReason()).isEqualTo("Essential container in task exited");
    }
  }
}
