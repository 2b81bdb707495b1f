package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;

/** CancelJob per the API Reference: a PENDING job is cancelled only after all its dependencies have finished. */
class CancelJobTest {

  EmulatorHarness harness = new EmulatorHarness(b -> b.timings(Timings.DEFAULT.withScaleDown(Duration.ofHours(1))));

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aPendingJobIsCancelledWhenItsDependencyEndsAndOnlyThenFailsItsDependents() {
    String a = harness.submit("a", r -> r.parameters(Map.of("seconds", "120")));
    String b = harness.submit("b", r -> r.dependsOn(Fixtures.after(a)));
    String c = harness.submit("c", r -> r.dependsOn(Fixtures.after(b)));
    harness.advanceUntil(Duration.ofSeconds(5), Duration.ofMinutes(5),
        batch -> batch.describeJobs(r -> r.jobs(a)).jobs().get(0).status() == JobStatus.RUNNING);

    harness.batch.cancelJob(r -> r.jobId(b).reason("not needed"));
    harness.emulator.advance(Duration.ofSeconds(60));
    assertThat(harness.job(b).status()).as("B waits for A before it is cancelled").isEqualTo(JobStatus.PENDING);
    assertThat(harness.job(c).status()).isEqualTo(JobStatus.PENDING);

    harness.runToCompletion();
    JobDetail first = harness.job(a);
    JobDetail cancelled = harness.job(b);
    JobDetail dependent = harness.job(c);
    assertThat(first.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(cancelled.status()).isEqualTo(JobStatus.FAILED);
    assertThat(cancelled.statusReason()).isEqualTo("not needed");
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(cancelled.startedAt()).as("B never ran").isNull();
    assertThat(cancelled.stoppedAt()).isEqualTo(first.stoppedAt());
    assertThat(dependent.status()).isEqualTo(JobStatus.FAILED);
    assertThat(dependent.statusReason()).isEqualTo("Dependent Job failed");
    assertThat(dependent.stoppedAt()).isEqualTo(cancelled.stoppedAt());
  }

  @Test
  void aPendingJobWhoseDependencyFailsIsStillCancelledWithTheCancelReason() {
    String a = harness.submit("a", r -> r.parameters(Map.of("seconds", "120")));
    String b = harness.submit("b", r -> r.dependsOn(Fixtures.after(a)));
    harness.advanceUntil(Duration.ofSeconds(5), Duration.ofMinutes(5),
        batch -> batch.describeJobs(r -> r.jobs(a)).jobs().get(0).status() == JobStatus.RUNNING);

    harness.batch.cancelJob(r -> r.jobId(b).reason("not needed"));
    harness.batch.terminateJob(r -> r.jobId(a).reason("stop"));

    assertThat(harness.job(b).status()).isEqualTo(JobStatus.FAILED);
    assertThat(harness.job(b).statusReason()).isEqualTo("not needed");
  }

  @Test
  void runnableJobsAreStillCancelledAtOnce() {
    harness.submit("running", r -> r.parameters(Map.of("seconds", "120")));
    harness.submit("running-too", r -> r.parameters(Map.of("seconds", "120")));
    String queued = harness.submit("queued");
    harness.emulator.advance(Duration.ofMinutes(2));
    assertThat(harness.job(queued).status()).isEqualTo(JobStatus.RUNNABLE);

    harness.batch.cancelJob(r -> r.jobId(queued).reason("not needed"));

    assertThat(harness.job(queued).status()).isEqualTo(JobStatus.FAILED);
    assertThat(harness.job(queued).isCancelled()).isTrue();
  }
}
