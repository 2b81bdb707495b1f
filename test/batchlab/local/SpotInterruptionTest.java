package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;

/** Spot reclaims fail attempts with "Host EC2 (instance i-...) terminated."; the stack's retry strategy retries them. */
class SpotInterruptionTest {

  @Test
  void everyJobSucceedsThroughRetriesWhenSpotHostsAreReclaimed() {
    // Seed 3 at 4 reclaims per instance-hour reclaims hosts under four attempts (deterministic).
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.seed(3)
        .faults(Faults.NONE.withSpotInterruptionRate(4)))) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        ids.add(harness.submit("spot-job-" + i));
      }
      harness.runToCompletion();
      List<JobDetail> jobs = harness.jobs(ids);

      assertThat(jobs).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED));
      List<AttemptDetail> interrupted = jobs.stream().flatMap(j -> j.attempts().stream())
          .filter(a -> a.container().exitCode() == null).toList();
      assertThat(interrupted).as("some attempts were on reclaimed hosts").isNotEmpty().allSatisfy(a -> {
        assertThat(a.statusReason()).matches("Host EC2 \\(instance i-[0-9a-f]{17}\\) terminated\\.");
        assertThat(a.container().containerInstanceArn()).startsWith("arn:aws:ecs:us-east-1:000000000000:container-instance/");
        assertThat(a.stoppedAt()).isGreaterThanOrEqualTo(a.startedAt());
      });
      assertThat(jobs).allSatisfy(j -> {
        List<AttemptDetail> attempts = j.attempts();
        assertThat(attempts).hasSizeBetween(1, 3);
        assertThat(attempts.get(attempts.size() - 1).container().exitCode()).isZero();
        assertThat(attempts.subList(0, attempts.size() - 1)).allSatisfy(a -> assertThat(a.statusReason()).startsWith("Host EC2"));
      });
    }
  }

  @Test
  void aJobReclaimedOnEveryAttemptFailsOnceItsThreeAttemptsAreUsed() {
    // Seed 3 at 15 reclaims per instance-hour hits one job on all three attempts (deterministic: the
    // reclaim draws come from the seed alone).
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.seed(3)
        .faults(Faults.NONE.withSpotInterruptionRate(15)))) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        ids.add(harness.submit("spot-job-" + i));
      }
      harness.runToCompletion();
      assertThat(harness.jobs(ids)).filteredOn(j -> j.status() == JobStatus.FAILED).singleElement().satisfies(j -> {
        assertThat(j.attempts()).hasSize(3).allSatisfy(a -> assertThat(a.statusReason()).startsWith("Host EC2 (instance i-"));
        assertThat(j.statusReason()).isEqualTo(j.attempts().get(2).statusReason());
      });
    }
  }

  @Test
  void anAttemptThatTimesOutFailsTheJobWithoutRetry() {
    try (EmulatorHarness harness = new EmulatorHarness()) {
      String id = harness.submit("slow", r -> r.parameters(java.util.Map.of("seconds", "600"))
          .timeout(t -> t.attemptDurationSeconds(120)));
      harness.runToCompletion();
      JobDetail job = harness.job(id);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.statusReason()).isEqualTo("Job attempt duration exceeded timeout");
      assertThat(job.attempts()).singleElement().satisfies(a -> assertThat(a.stoppedAt() - a.startedAt()).isEqualTo(120_000));
    }
  }

  @Test
  void aContainerThatExitsNonZeroIsNotRetriedBecauseTheStrategyEndsWithExit() {
    try (EmulatorHarness harness = new EmulatorHarness()) {
      String id = harness.submit("bad-argument", r -> r.parameters(java.util.Map.of("seconds", "soon")));
      harness.runToCompletion();
      JobDetail job = harness.job(id);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.statusReason()).isEqualTo("Essential container in task exited");
      // sleep_example.py exits 2 on a bad argument (LabWorkload).
      assertThat(job.attempts()).singleElement().satisfies(a -> assertThat(a.container().exitCode()).isEqualTo(2));
    }
  }
}
