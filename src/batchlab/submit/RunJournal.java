package batchlab.submit;

import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.run.SubmittedJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps {@code jobs.json} up to date while a fan-out confirms jobs: confirmations are collected in
 * memory and the whole record is rewritten atomically at most every {@code flushEvery} (rewriting it
 * for each of 1,000 jobs would cost more than the submissions), and once more on close. Anything
 * confirmed but not yet written when the process dies is found again by name on resume.
 */
final class RunJournal implements AutoCloseable {

  private final RunStore store;
  private final RunRecord base;
  private final Map<Integer, SubmittedJob> confirmed = new ConcurrentSkipListMap<>();
  /** The map's size, kept apart: a skip list counts its entries one by one. */
  private final AtomicInteger count = new AtomicInteger();
  private final ScheduledExecutorService flusher;
  private volatile boolean dirty;

  RunJournal(RunStore store, RunRecord base, Duration flushEvery) {
    this.store = store;
    this.base = base;
    base.jobs().forEach(this::put);
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "run-journal-" + base.runId());
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(this::flushIfDirty, flushEvery.toMillis(), flushEvery.toMillis(),
        TimeUnit.MILLISECONDS);
    flush();
  }

  void confirm(SubmittedJob job) {
    put(job);
    dirty = true;
  }

  private void put(SubmittedJob job) {
    if (confirmed.put(job.index(), job) == null) {
      count.incrementAndGet();
    }
  }

  boolean isConfirmed(int index) {
    return confirmed.containsKey(index);
  }

  /** Ids already taken by confirmed jobs (a job found by name must not be one of them). */
  boolean isKnownId(String id) {
    return confirmed.values().stream().anyMatch(j -> j.id().equals(id));
  }

  int size() {
    return count.get();
  }

  RunRecord snapshot() {
    return base.withJobs(new ArrayList<>(confirmed.values()));
  }

  synchronized void flush() {
    dirty = false;
    store.save(snapshot());
  }

  private void flushIfDirty() {
    if (dirty) {
      flush();
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
