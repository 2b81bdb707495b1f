package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.RunRecord;
import batchlab.run.SubmittedJob;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

  @TempDir Path runs;

  @Test
  void resumeAfterAnInterruptedFanOutSubmitsOnlyTheMissingJobs() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      Submitter submitter = new Submitter(local.clients, local.store, SubmitOptions.defaults().withMaxInFlight(2));
      List<Integer> counts = new CopyOnWriteArrayList<>();
      SubmitListener stopAfterFive = new SubmitListener() {
        @Override
        public void confirmed(SubmittedJob job, int confirmed, int total) {
          counts.add(confirmed);
          if (confirmed == 5) {
            submitter.requestStop(); // what Ctrl-C does
          }
        }
      };
      SubmitResult interrupted = submitter.submit(SubmitRequest.builder().jobs(20).namePrefix("resumed").build(),
          stopAfterFive);
      assertThat(interrupted.interrupted()).isTrue();
      RunRecord recorded = local.store.load(interrupted.run().runId());
      int done = recorded.jobs().size();
      // The stop comes with the 5th confirmation; only the call already in flight on the other thread
      // may finish after it (and is recorded), no new call starts.
      assertThat(done).isBetween(5, 6);
      assertThat(counts).isEqualTo(IntStream.rangeClosed(1, done).boxed().toList());
      assertThat(local.jobsByName("resumed-")).hasSize(done);

      SubmitResult resumed = local.submitter().resume(recorded, SubmitListener.NONE);
      assertThat(resumed.interrupted()).isFalse();
      assertThat(resumed.stats().submitted()).isEqualTo(20 - done);
      assertThat(resumed.stats().adopted()).isZero();
      ExactlyOnceTest.assertExactlyOnce(local, "resumed", 20, local.store.load(recorded.runId()));
    }
  }

  @Test
  void resumeAdoptsJobsTheServerHasButTheRecordMissed() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      SubmitResult complete = local.submitter().submit(SubmitRequest.builder().jobs(10).namePrefix("crashed").build(),
          SubmitListener.NONE);
      // As if the process died after SubmitJob returned for jobs 8-10 but before jobs.json was rewritten.
      List<SubmittedJob> firstSeven = complete.run().jobs().subList(0, 7);
      local.store.save(complete.run().withJobs(firstSeven));

      SubmitResult resumed = local.submitter().resume(local.store.load(complete.run().runId()), SubmitListener.NONE);
      assertThat(resumed.stats().adopted()).isEqualTo(3);
      assertThat(resumed.stats().submitted()).isZero();
      assertThat(resumed.run().jobs()).isEqualTo(complete.run().jobs());
      ExactlyOnceTest.assertExactlyOnce(local, "crashed", 10, local.store.load(complete.run().runId()));
    }
  }

  @Test
  void resumingACompleteRunSubmitsNothing() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      SubmitResult complete = local.submitter().submit(SubmitRequest.builder().jobs(3).build(), SubmitListener.NONE);
      local.clients.calls().reset();
      SubmitResult again = local.submitter().resume(complete.run(), SubmitListener.NONE);
      assertThat(again.stats().submitted()).isZero();
      assertThat(local.clients.calls().count("SubmitJob")).isZero();
      assertThat(local.clients.calls().count("ListJobs")).isZero();
    }
  }

  /** Issue 9.3: two resumes of one run at once gave 540 jobs for 500 names. */
  @Test
  void twoResumesOfOneRunAtOnceSubmitEachJobOnceAndTheSecondFailsAtOnce() throws Exception {
    try (LocalBatch local = LocalBatch.start(runs)) {
      Submitter first = new Submitter(local.clients, local.store, SubmitOptions.defaults().withMaxInFlight(1));
      SubmitResult interrupted = first.submit(SubmitRequest.builder().jobs(20).namePrefix("twice").build(),
          new SubmitListener() {
            @Override
            public void confirmed(SubmittedJob job, int confirmed, int total) {
              if (confirmed == 5) {
                first.requestStop();
              }
            }
          });
      RunRecord recorded = local.store.load(interrupted.run().runId());

      java.util.concurrent.CountDownLatch firstIsSubmitting = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch secondIsDone = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var resumeA = pool.submit(() -> local.submitter().resume(recorded, new SubmitListener() {
          @Override
          public void confirmed(SubmittedJob job, int confirmed, int total) {
            firstIsSubmitting.countDown();
            try {
              secondIsDone.await(); // the first resume is mid fan-out while the second starts
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }));
        firstIsSubmitting.await();
        var resumeB = pool.submit(() -> {
          try {
            return local.submitter().resume(recorded, SubmitListener.NONE);
          } finally {
            secondIsDone.countDown();
          }
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(resumeB::get)
            .hasCauseInstanceOf(batchlab.aws.SubmitException.class)
            .cause().hasMessageStartingWith("run " + recorded.runId() + " is in use by process "
                + ProcessHandle.current().pid() + " (");
        assertThat(resumeA.get().stats().submitted()).isEqualTo(20 - recorded.jobs().size());
      } finally {
        pool.shutdownNow();
      }
      ExactlyOnceTest.assertExactlyOnce(local, "twice", 20, local.store.load(recorded.runId()));
    }
  }
}
