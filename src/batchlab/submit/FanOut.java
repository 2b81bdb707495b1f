package batchlab.submit;

import batchlab.aws.AwsClients;
import batchlab.aws.AwsFailures;
import batchlab.aws.Backoff;
import batchlab.aws.RateLimiter;
import batchlab.aws.StopSignal;
import batchlab.aws.SubmitException;
import batchlab.run.JobGroup;
import batchlab.run.RunRecord;
import batchlab.run.SubmittedJob;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;

/**
 * Submits a run's missing jobs, each exactly once: a bounded number of calls in flight, a client-side
 * rate limit, backoff with full jitter on 429, and after an ambiguous failure (5xx, timeout, broken
 * connection) a check by name before sending again. Confirmed jobs go to the {@link RunJournal}.
 *
 * <p>The Batch client must not retry by itself (a blind SDK retry of SubmitJob can create the job
 * twice): {@link AwsClients} builds it with the SDK's retries off.
 *
 * <p>Longer than most: the in-flight bound, the rate limit, the backoff and the check by name decide
 * together what happens to each job, and splitting them would split that decision.
 */
final class FanOut {

  private final BatchClient batch;
  private final RunRecord run;
  private final RunJournal journal;
  private final ExistingJobs existing;
  private final RateLimiter limiter;
  private final Backoff backoff;
  /** Stops this fan-out's threads: on the caller's stop, or on the first failure. */
  private final StopSignal halt;
  private final String target;
  private final SubmitListener listener;
  /**
   * Confirming a job (journal, then listener) and starting a call take turns under this lock. So a
   * stop requested from a listener is seen by every call not started yet (only calls already in
   * flight finish), and listeners get the counts 1, 2, 3... in order, once each.
   */
  private final Object confirmOrStart = new Object();
  private final AtomicReference<SubmitException> failure = new AtomicReference<>();
  private final AtomicInteger submitted = new AtomicInteger();
  private final AtomicInteger adopted = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger ambiguous = new AtomicInteger();

  FanOut(BatchClient batch, RunRecord run, RunJournal journal, ExistingJobs existing, RateLimiter limiter,
      Backoff backoff, StopSignal stop, String target, SubmitListener listener) {
    this.batch = batch;
    this.run = run;
    this.journal = journal;
    this.existing = existing;
    this.limiter = limiter;
    this.backoff = backoff;
    this.halt = stop.child();
    this.target = target;
    this.listener = listener;
  }

  /**
   * Submits the jobs with these indexes, at most {@code maxInFlight} at once. Returns when all are
   * confirmed or a stop was requested; throws the first failure that cannot be retried.
   */
  FanOutStats run(List<Integer> indexes, int maxInFlight) {
    listener.started(run, indexes.size());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(maxInFlight, indexes.size())), r -> {
      Thread t = new Thread(r, "submit-" + run.runId());
      t.setDaemon(true);
      return t;
    });
    try {
      indexes.forEach(index -> pool.execute(() -> submitOne(index)));
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // in-flight calls finish on their own (bounded by the SDK's attempt timeout)
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halt.requestStop();
    } finally {
      pool.shutdownNow();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return new FanOutStats(submitted.get(), adopted.get(), throttled.get(), ambiguous.get());
  }

  /** Also used to record a job found on the server before the fan-out (resume). */
  void adopt(int index, String id) {
    adopted.incrementAndGet();
    confirm(index, id);
  }

  private void submitOne(int index) {
    try {
      submitWithRetries(index, run.jobName(index));
    } catch (SubmitException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(new SubmitException("submitting " + run.jobName(index) + " failed: " + e, e));
    }
  }

  private void submitWithRetries(int index, String name) {
    for (int attempt = 1; !halt.isStopRequested(); attempt++) {
      if (!limiter.acquire(halt) || !mayStartCall()) {
        return;
      }
      SdkException error;
      try {
        String id = batch.submitJob(request(index, name)).jobId();
        submitted.incrementAndGet();
        confirm(index, id);
        return;
      } catch (SdkException e) {
        error = e;
      }
      boolean ambiguousFailure = AwsFailures.isAmbiguous(error);
      if (!AwsFailures.isThrottling(error) && !ambiguousFailure) {
        fail(AwsFailures.describe("batch:SubmitJob", error, target));
        return;
      }
      (ambiguousFailure ? ambiguous : throttled).incrementAndGet();
      if (attempt >= backoff.maxAttempts()) {
        fail(new SubmitException("SubmitJob for " + name + " failed " + attempt + " times, last with: "
            + AwsFailures.describe("batch:SubmitJob", error, target).getMessage(), error));
        return;
      }
      listener.retrying(name, ambiguousFailure ? "ambiguous failure, checking by name: " + AwsFailures.message(error)
          : "throttled (429)");
      if (!halt.sleep(backoff.delay(attempt - 1))) {
        return;
      }
      if (ambiguousFailure) {
        Optional<String> created = existing.find(name, journal::isKnownId);
        if (created.isPresent()) {
          adopt(index, created.get());
          return;
        }
      }
    }
  }

  private SubmitJobRequest request(int index, String name) {
    JobGroup group = run.group(index);
    SubmitJobRequest.Builder request = SubmitJobRequest.builder()
        .jobName(name)
        .jobQueue(group.jobQueue())
        .jobDefinition(run.jobDefinition())
        .shareIdentifier(group.share())
        .schedulingPriorityOverride(group.priority());
    if (!run.parameters().isEmpty()) {
      request.parameters(run.parameters());
    }
    if (run.array()) {
      request.arrayProperties(a -> a.size(run.jobCount()));
    }
    return request.build();
  }

  private boolean mayStartCall() {
    synchronized (confirmOrStart) {
      return !halt.isStopRequested();
    }
  }

  private void confirm(int index, String id) {
    SubmittedJob job = run.grouped() ? SubmittedJob.in(run.group(index), index, run.jobName(index), id)
        : new SubmittedJob(index, run.jobName(index), id);
    synchronized (confirmOrStart) {
      journal.confirm(job);
      listener.confirmed(job, journal.size(), run.expectedSubmissions());
    }
  }

  private void fail(SubmitException e) {
    failure.compareAndSet(null, e);
    halt.requestStop();
  }
}
