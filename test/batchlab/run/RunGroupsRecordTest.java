package batchlab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's groups (queue, share, priority per job) in jobs.json, and runs recorded before groups existed. */
class RunGroupsRecordTest {

  static final String HIGH = "arn:aws:batch:us-east-1:000000000000:job-queue/JobQueuehigh-x";
  static final String LOW = "arn:aws:batch:us-east-1:000000000000:job-queue/JobQueue-y";

  @TempDir Path dir;

  static RunRecord grouped(List<SubmittedJob> jobs) {
    return new RunRecord("20250301-100000-ab12", Instant.parse("2025-03-01T10:00:00Z"), null, "us-east-1", "BatchLab",
        LOW, "def", null, "job", 3, false, Map.of(), new JobShape(2, 1024, Duration.ofSeconds(60)), jobs,
        List.of(new JobGroup(LOW, "default", "teamA", 5, 2), new JobGroup(HIGH, "high", null, null, 1)));
  }

  @Test
  void groupsAndEachJobsQueueShareAndPriorityRoundTripThroughJobsJson() throws Exception {
    RunStore store = new RunStore(dir);
    RunRecord run = grouped(List.of(SubmittedJob.in(new JobGroup(LOW, "default", "teamA", 5, 2), 1, "job-1", "id-1"),
        SubmittedJob.in(new JobGroup(HIGH, "high", null, null, 1), 3, "job-3", "id-3")));
    store.save(run);

    assertThat(store.load(run.runId())).isEqualTo(run);
    String json = Files.readString(dir.resolve(run.runId()).resolve("jobs.json"));
    assertThat(json).contains("\"share\" : \"teamA\"").contains("\"priority\" : 5").contains("\"queue\" : \"high\"");
  }

  @Test
  void jobIndexesBelongToTheGroupsInOrder() {
    RunRecord run = grouped(List.of());
    assertThat(run.group(1).share()).isEqualTo("teamA");
    assertThat(run.group(2).share()).isEqualTo("teamA");
    assertThat(run.group(3).queue()).isEqualTo("high");
    assertThat(run.groupOf("job-3")).map(JobGroup::jobQueue).hasValue(HIGH);
    assertThat(run.groupOf("job-4")).isEmpty();
    assertThat(run.groupOf("other-1")).isEmpty();
    assertThat(run.queues()).containsExactly(LOW, HIGH);
  }

  @Test
  void groupsThatDoNotAddUpToTheRunAreRefused() {
    assertThatThrownBy(() -> new RunRecord("r", Instant.EPOCH, null, "us-east-1", null, LOW, "def", null, "job", 5,
        false, Map.of(), null, List.of(), List.of(new JobGroup(LOW, "default", "teamA", null, 2))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hold 2 submissions, not 5");
  }

  @Test
  void aRunRecordedBeforeGroupsReadsAsOneGroupOnItsQueue() throws Exception {
    Path run = Files.createDirectories(dir.resolve("20250301-100000-ab12"));
    Files.writeString(run.resolve("jobs.json"), """
        { "runId" : "20250301-100000-ab12", "createdAt" : "2025-03-01T10:00:00Z", "region" : "us-east-1",
          "jobQueue" : "%s", "jobDefinition" : "def", "namePrefix" : "job", "jobCount" : 2, "array" : false,
          "parameters" : { }, "jobs" : [ { "index" : 1, "name" : "job-1", "id" : "id-1" } ] }
        """.formatted(LOW));

    RunRecord old = new RunStore(dir).load("20250301-100000-ab12");

    assertThat(old.grouped()).isFalse();
    assertThat(old.jobs()).containsExactly(new SubmittedJob(1, "job-1", "id-1"));
    assertThat(old.group(2)).isEqualTo(new JobGroup(LOW, "JobQueue-y", null, null, 2));
    assertThat(old.queues()).containsExactly(LOW);
  }
}
