package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;

/** The virtual clock at a scaled speed and at max speed, as clients over HTTP experience it. */
class ClockModesTest {

  private static long oneJobMakespan() {
    Timings t = Timings.DEFAULT;
    return t.dispatch().toMillis() + t.instanceBoot().toMillis() + t.jobStart().toMillis() + 60_000;
  }

  @Test
  void aScaledClockRunsTheScheduleInRealTimeDividedBySpeedWithExactVirtualTimestamps() throws Exception {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.speed(Speed.of(2000)))) {
      Instant before = harness.emulator.now();
      long realStart = System.nanoTime();
      String id = harness.submit("scaled");
      assertThat(harness.emulator.awaitJobsDone(Duration.ofSeconds(20))).isTrue();
      long realMillis = (System.nanoTime() - realStart) / 1_000_000;
      JobDetail job = harness.job(id);
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(job.stoppedAt() - job.createdAt()).isEqualTo(oneJobMakespan());
      assertThat(job.createdAt()).isGreaterThanOrEqualTo(before.toEpochMilli());
      // 157 virtual seconds at 2000x take at least 78 ms of real time.
      assertThat(realMillis).isGreaterThanOrEqualTo(oneJobMakespan() / 2000);
    }
  }

  @Test
  void theClockStartsAtTheRealTimeAndRunsSpeedTimesFaster() throws Exception {
    Instant realBefore = Instant.now();
    long nanosBefore = System.nanoTime();
    try (BatchEmulator emulator = BatchEmulator.builder().speed(Speed.of(60)).build()) {
      Thread.sleep(200);
      Instant virtual = emulator.now();
      long realElapsedMillis = (System.nanoTime() - nanosBefore) / 1_000_000;
      assertThat(virtual).isAfterOrEqualTo(realBefore.plusMillis(200 * 60));
      assertThat(virtual).isBeforeOrEqualTo(realBefore.plusMillis(realElapsedMillis * 60 + 1000));
    }
  }

  @Test
  void atMaxSpeedWithoutPacingTheClockStandsStillWhileAClientKeepsCallingAndThenRunsToTheEnd() throws Exception {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.speed(Speed.MAX)
        .maxModeQuietPeriod(Duration.ofMillis(500)).holdWindow(Duration.ZERO))) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        ids.add(harness.submit("max-" + i));
      }
      List<JobDetail> submitted = harness.jobs(ids);
      assertThat(submitted).extracting(JobDetail::createdAt).as("no time passes between back-to-back calls")
          .containsOnly(submitted.get(0).createdAt());

      // A watcher that pauses longer than the quiet period finds the simulation finished.
      List<JobDetail> done;
      int polls = 0;
      do {
        Thread.sleep(700);
        done = harness.jobs(ids);
      } while (++polls < 100 && !done.stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED));
      assertThat(done).hasSize(10).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
      long makespan = done.stream().mapToLong(JobDetail::stoppedAt).max().orElseThrow() - submitted.get(0).createdAt();
      Timings t = Timings.DEFAULT;
      assertThat(makespan).isEqualTo(t.dispatch().toMillis() + t.instanceBoot().toMillis()
          + 5 * (t.jobStart().toMillis() + 60_000));
    }
  }

  @Test
  void atMaxSpeedASlowClientsSubmitsArePacedAtRealSpeedAndThenTheClockRunsToTheEnd() throws Exception {
    FakeTicker real = new FakeTicker();
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.speed(Speed.MAX).realTime(real))) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        ids.add(harness.submit("slow-" + i));
        real.advanceSeconds(0.45); // one aws CLI process per job
      }
      List<JobDetail> submitted = harness.jobs(ids);
      for (int i = 1; i < submitted.size(); i++) {
        assertThat(submitted.get(i).createdAt() - submitted.get(i - 1).createdAt()).isEqualTo(450);
      }

      List<JobDetail> done;
      int polls = 0;
      do {
        // Quiet for longer than the hold and the quiet period: the clock jumps from event to event.
        real.advanceSeconds(5);
        Thread.sleep(200);
        done = harness.jobs(ids);
      } while (++polls < 100 && !done.stream().allMatch(j -> j.status() == JobStatus.SUCCEEDED));
      assertThat(done).allMatch(j -> j.status() == JobStatus.SUCCEEDED);
      long makespan = done.stream().mapToLong(JobDetail::stoppedAt).max().orElseThrow() - submitted.get(0).createdAt();
      Timings t = Timings.DEFAULT;
      long together = t.dispatch().toMillis() + t.instanceBoot().toMillis() + 5 * (t.jobStart().toMillis() + 60_000);
      assertThat(makespan).isBetween(together, together + 9 * 450);
    }
  }
}
