package batchlab.watch;

import static batchlab.run.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.Attempts;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.AttemptContainerDetail;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.ContainerDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;

class TimelineBuilderTest {

  private static final Function<String, InstanceTracker.Instance> INSTANCES = arn -> arn == null ? null
      : new InstanceTracker.Instance("i-" + arn.substring(arn.lastIndexOf('/') + 1), "m7i.large");

  private static long ms(double seconds) {
    return at(seconds).toEpochMilli();
  }

  private static AttemptDetail attempt(double started, double stopped, String reason, Integer exit, String host) {
    return AttemptDetail.builder().startedAt(ms(started)).stoppedAt(ms(stopped)).statusReason(reason)
        .container(AttemptContainerDetail.builder().containerInstanceArn("arn:aws:ecs:c/" + host).exitCode(exit)
            .logStreamName("log/" + host).build())
        .build();
  }

  @Test
  void aRetryAfterAReclaimBecomesTwoRowsTheSecondQueuedFromTheFirstsStop() {
    JobDetail job = JobDetail.builder().jobName("job-1").jobId("id-1").status("SUCCEEDED").createdAt(ms(0))
        .startedAt(ms(150)).stoppedAt(ms(210))
        .attempts(attempt(100, 120, "Host EC2 (instance i-a) terminated.", null, "a"),
            attempt(150, 210, "Essential container in task exited", 0, "b"))
        .build();
    List<JobAttempt> rows = TimelineBuilder.attempts(job, "job-1", INSTANCES);
    assertThat(rows).containsExactly(
        new JobAttempt("job-1", "id-1", 1, JobState.FAILED, "Host EC2 (instance i-a) terminated.", null, at(0), at(0),
            at(100), at(120), "i-a", "m7i.large", "log/a"),
        new JobAttempt("job-1", "id-1", 2, JobState.SUCCEEDED, "Essential container in task exited", 0, at(0),
            at(120), at(150), at(210), "i-b", "m7i.large", "log/b"));
  }

  @Test
  void aRunningJobAddsALiveRowFromTheJobLevelFields() {
    JobDetail job = JobDetail.builder().jobName("job-2").jobId("id-2").status("RUNNING").createdAt(ms(0))
        .startedAt(ms(95))
        .container(ContainerDetail.builder().containerInstanceArn("arn:aws:ecs:c/x").logStreamName("log/x").build())
        .build();
    assertThat(TimelineBuilder.attempts(job, "job-2", INSTANCES)).containsExactly(
        new JobAttempt("job-2", "id-2", 1, JobState.RUNNING, null, null, at(0), at(0), at(95), null, "i-x",
            "m7i.large", "log/x"));
  }

  @Test
  void aRunnableJobHasNoStartNoInstanceAndNoLogStream() {
    JobDetail job = JobDetail.builder().jobName("job-3").jobId("id-3").status("RUNNABLE").createdAt(ms(0))
        .container(ContainerDetail.builder().build())
        .build();
    JobAttempt row = TimelineBuilder.attempts(job, "job-3", INSTANCES).get(0);
    assertThat(row.startedAt()).isNull();
    assertThat(row.instance()).isNull();
    assertThat(row.logStream()).isNull();
    assertThat(row.queueWait()).isEmpty();
  }

  @Test
  void aJobCancelledWhileRunnableIsOneFailedRowWithItsReason() {
    JobDetail job = JobDetail.builder().jobName("job-4").jobId("id-4").status("FAILED").createdAt(ms(0))
        .stoppedAt(ms(600)).statusReason("Canceled by JobStateTimeLimit action due to reason: MISCONFIGURATION")
        .build();
    assertThat(TimelineBuilder.attempts(job, "job-4", INSTANCES)).containsExactly(
        new JobAttempt("job-4", "id-4", 1, JobState.FAILED,
            "Canceled by JobStateTimeLimit action due to reason: MISCONFIGURATION", null, at(0), at(0), null,
            at(600), null, null, null));
  }

  @Test
  void aRetryWaitingForCapacityIsALiveRowQueuedSinceTheFailedAttempt() {
    JobDetail job = JobDetail.builder().jobName("job-5").jobId("id-5").status("RUNNABLE").createdAt(ms(0))
        .startedAt(ms(100))
        .attempts(attempt(100, 120, "Host EC2 (instance i-a) terminated.", null, "a"))
        .build();
    List<JobAttempt> rows = TimelineBuilder.attempts(job, "job-5", INSTANCES);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).status()).isEqualTo(JobState.RUNNABLE);
    assertThat(rows.get(1).queuedAt()).isEqualTo(at(120));
    assertThat(rows.get(1).startedAt()).isNull(); // the job-level startedAt belongs to the first attempt
  }
}
