package batchlab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.analysis.RunSummary;
import batchlab.analysis.SummaryCalculator;
import batchlab.util.BadInputException;
import batchlab.watch.WatchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class RunStoreTest {

  @TempDir Path dir;

  public static RunRecord record(String runId, List<SubmittedJob> jobs) {
    return new RunRecord(runId, Instant.parse("2025-03-01T10:00:00Z"), "http://127.0.0.1:4566", "us-east-1",
        "BatchLab", "arn:aws:batch:us-east-1:000000000000:job-queue/q",
        "arn:aws:batch:us-east-1:000000000000:job-definition/d:1", "/aws/batch/job", "job", 3, false,
        Map.of("seconds", "60"), new JobShape(2, 1024, Duration.ofSeconds(60)), jobs);
  }

  @Test
  void recordRoundTripsThroughJobsJson() throws Exception {
    RunStore store = new RunStore(dir);
    RunRecord record = record("20250301-100000-ab12", List.of(new SubmittedJob(2, "job-2", "id-2"),
        new SubmittedJob(1, "job-1", "id-1")));
    store.save(record);
    assertThat(store.load("20250301-100000-ab12")).isEqualTo(record);
    String json = Files.readString(dir.resolve("20250301-100000-ab12/jobs.json"));
    assertThat(json).contains("\"seconds\" : 60").contains("\"createdAt\" : \"2025-03-01T10:00:00Z\"");
    assertThat(record.jobs()).extracting(SubmittedJob::index).containsExactly(1, 2);
    try (var files = Files.list(dir.resolve("20250301-100000-ab12"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jobs.json");
    }
  }

  @Test
  void latestIsTheNewestRunId() {
    RunStore store = new RunStore(dir);
    assertThat(store.latest()).isEmpty();
    store.save(record("20250301-100000-ab12", List.of()));
    store.save(record("20250302-090000-0001", List.of()));
    assertThat(store.latest()).contains("20250302-090000-0001");
  }

  @Test
  void unknownRunNamesTheLatestOne() {
    RunStore store = new RunStore(dir);
    store.save(record("20250301-100000-ab12", List.of()));
    assertThatThrownBy(() -> store.load("nope"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("no run 'nope' in " + dir + " (latest: 20250301-100000-ab12)");
  }

  @Test
  void rejectsRunIdsThatLeaveTheRunsDirectory() {
    assertThatThrownBy(() -> new RunStore(dir).load("../etc"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("run id '../etc' is not valid");
  }

  @Test
  void newRunIdsSortByTime() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    assertThat(RunStore.newRunId(clock, new Random(1))).matches("20250301-100000-[0-9a-f]{4}");
  }

  @Test
  void summaryAndTimelineAreWrittenNextToTheRecord() throws Exception {
    RunStore store = new RunStore(dir);
    RunRecord record = record("r1", List.of(new SubmittedJob(1, "job-1", "id-1")));
    List<JobAttempt> attempts = Attempts.slotted(1, 1, 30, 60, 0);
    RunSummary summary = SummaryCalculator.summarize("r1", 1, attempts, List.of(), null, Outcome.COMPLETED);
    store.saveResult(new WatchResult(record, attempts, List.of(), summary));
    String json = Files.readString(dir.resolve("r1/summary.json"));
    assertThat(json).contains("\"makespanSeconds\" : 90").contains("\"maxRunning\" : 1");
    assertThat(RunJson.mapper().readValue(json, RunSummary.class)).isEqualTo(summary);
    assertThat(Files.readAllLines(dir.resolve("r1/timeline.csv"))).containsExactly(TimelineCsv.HEADER,
        "job-1,id-1,1,2025-03-01T10:00:00Z,2025-03-01T10:00:30Z,2025-03-01T10:01:30Z,SUCCEEDED,"
            + "Essential container in task exited,0,i-0,m7i.large,log/default/1");
  }
}
