package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.RunSummary;
import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.watch.WatchResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrayJobTest {

  @TempDir Path runs;

  @Test
  void oneArrayJobOfTenGivesTheSameSummaryWithOneSubmitJobCall() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(10).array(true)
          .namePrefix("article").build(), SubmitListener.NONE);
      assertThat(local.clients.calls().count("SubmitJob")).isEqualTo(1);
      assertThat(submitted.run().jobs()).singleElement().satisfies(j -> assertThat(j.name()).isEqualTo("article"));

      WatchResult watched = local.watch(submitted.run());
      RunSummary summary = watched.summary();
      assertThat(summary.jobs()).isEqualTo(10);
      assertThat(summary.count(JobState.SUCCEEDED)).isEqualTo(10);
      assertThat(summary.maxRunning()).isEqualTo(2);
      assertThat(summary.waves()).isEqualTo(5);
      assertThat(summary.peakInstances()).isEqualTo(2);
      assertThat(summary.verdict()).startsWith("as predicted: 2 at once in 5 waves");
      assertThat(watched.attempts()).extracting(JobAttempt::jobName).contains("article:0", "article:9");
      assertThat(watched.attempts()).extracting(JobAttempt::jobId)
          .allMatch(id -> id.startsWith(submitted.run().jobs().get(0).id() + ":"));
    }
  }

  @Test
  void watchingAnArrayPollsOnlyItsParentUntilItIsDoneThenDescribesTheChildrenOnce() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      // Room for all 250 at once, so the watch takes a few dozen polls rather than 125 waves of them.
      local.clients.batch().updateComputeEnvironment(r -> r.computeEnvironment(local.output("ComputeEnvironmentArn"))
          .computeResources(c -> c.maxvCpus(500)));
      SubmitResult submitted = local.submitter().submit(SubmitRequest.builder().jobs(250).array(true).build(),
          SubmitListener.NONE);
      local.clients.calls().reset();
      WatchResult watched = local.watch(submitted.run());
      int polls = watched.samples().size();
      // One DescribeJobs (the parent) per poll, then ceil(250 / 100) = 3 for the children's timeline.
      assertThat(local.clients.calls().count("DescribeJobs")).isEqualTo(polls + 3);
      assertThat(watched.summary().count(JobState.SUCCEEDED)).isEqualTo(250);
      assertThat(watched.summary().waves()).isEqualTo(1);
    }
  }
}
