package batchlab.local;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What each share of one fair-share queue has used: the vCPUs its jobs hold now (STARTING and
 * RUNNING), the finished stretches still inside the decay window, and how many of its jobs are not
 * finished. Fed by {@link JobLifecycle}; read by {@link FairShareOrder} and the queue snapshot.
 *
 * <p>The usage of a share, in vCPU-seconds (README, "Queues and fair share"): its jobs' vCPU-seconds
 * over the last shareDecaySeconds (finished stretches and the running part of dispatched jobs), each
 * second weighted linearly from 1 (now) to 0 (shareDecaySeconds ago), plus one second of the vCPUs
 * it holds now, so that jobs dispatched in the same instant count at once. With shareDecaySeconds 0
 * only that current part remains: the vCPUs the share holds now.
 */
final class ShareUsage {

  /** One share's ledger. */
  static final class Share {
    final String id;
    /** Jobs of this share not yet SUCCEEDED or FAILED (array parents not counted). */
    int unfinishedJobs;
    /** vCPUs of its STARTING and RUNNING jobs. */
    int currentVcpus;
    /** Dispatched jobs: when each was placed. */
    final Map<Job, Long> placedAt = new HashMap<>();
    /** Finished stretches {placedAt, endedAt, vcpus}, oldest end first. */
    final ArrayDeque<long[]> finished = new ArrayDeque<>();

    Share(String id) {
      this.id = id;
    }
  }

  private final Map<String, Share> shares = new HashMap<>();

  Share share(String id) {
    return shares.computeIfAbsent(id, Share::new);
  }

  void submitted(Job job) {
    share(job.spec.shareIdentifier()).unfinishedJobs++;
  }

  void finished(Job job) {
    share(job.spec.shareIdentifier()).unfinishedJobs--;
  }

  void placed(Job job, long now) {
    Share share = share(job.spec.shareIdentifier());
    share.currentVcpus += job.spec.resources().vcpus();
    share.placedAt.put(job, now);
  }

  void attemptEnded(Job job, long now) {
    Share share = share(job.spec.shareIdentifier());
    Long placed = share.placedAt.remove(job);
    if (placed != null) {
      share.currentVcpus -= job.spec.resources().vcpus();
      share.finished.addLast(new long[] {placed, now, job.spec.resources().vcpus()});
    }
  }

  /** vCPUs the queue's jobs hold now, over all shares. */
  int currentVcpus() {
    int total = 0;
    for (Share share : shares.values()) {
      total += share.currentVcpus;
    }
    return total;
  }

  /**
   * Shares that are active (FairsharePolicy computeReservation's ActiveFairShares): with unfinished
   * jobs, or with usage still inside the decay window.
   */
  int activeShares(long now, int decaySeconds) {
    int active = 0;
    for (Share share : shares.values()) {
      prune(share, now, decaySeconds);
      if (share.unfinishedJobs > 0 || !share.finished.isEmpty()) {
        active++;
      }
    }
    return active;
  }

  Iterable<Share> all() {
    return shares.values();
  }

  /** The share's usage in vCPU-seconds (see the class comment). */
  double usage(Share share, long now, int decaySeconds) {
    double current = share.currentVcpus;
    if (decaySeconds == 0) {
      return current;
    }
    prune(share, now, decaySeconds);
    double window = decaySeconds * 1000.0;
    double weighted = 0; // vCPU-milliseconds, each weighted by (1 - age / window)
    for (long[] stretch : share.finished) {
      weighted += stretch[2] * weightedMillis(stretch[0], stretch[1], now, window);
    }
    for (Map.Entry<Job, Long> running : share.placedAt.entrySet()) {
      weighted += running.getKey().spec.resources().vcpus() * weightedMillis(running.getValue(), now, now, window);
    }
    return current + weighted / 1000.0;
  }

  /** The integral of (1 - age / window) over the part of [from, to] inside the window before now. */
  private static double weightedMillis(long from, long to, long now, double window) {
    double youngest = now - Math.min(to, now);
    double oldest = Math.min(window, now - from);
    if (oldest <= youngest) {
      return 0;
    }
    return (oldest - youngest) - (oldest * oldest - youngest * youngest) / (2 * window);
  }

  private static void prune(Share share, long now, int decaySeconds) {
    long horizon = now - decaySeconds * 1000L;
    Iterator<long[]> it = share.finished.iterator();
    while (it.hasNext() && it.next()[1] <= horizon) {
      it.remove();
    }
  }
}
