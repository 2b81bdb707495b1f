package batchlab.plan;

import batchlab.local.TwinRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns one run's per-job and per-instance records into a {@link ConfigurationResult}. */
final class Measurements {

  private static final String FAILED = "FAILED";

  private Measurements() {}

  static ConfigurationResult of(Configuration configuration, Workload workload, TwinRun.Result run, Prices prices) {
    if (run == null || run.jobs().stream().anyMatch(j -> j.attempts().isEmpty())) {
      return ConfigurationResult.notCompleted(configuration);
    }
    List<TwinRun.JobRecord> jobs = run.jobs();
    int n = jobs.size();
    long firstCreated = Long.MAX_VALUE;
    long lastStopped = 0;
    double[] waits = new double[n];
    double[] system = new double[n];
    int attemptCount = 0;
    int failed = 0;
    for (int i = 0; i < n; i++) {
      TwinRun.JobRecord job = jobs.get(i);
      failed += FAILED.equals(job.status()) ? 1 : 0;
      firstCreated = Math.min(firstCreated, job.createdAt());
      lastStopped = Math.max(lastStopped, job.stoppedAt());
      waits[i] = (job.firstPlacedAt() - job.createdAt()) / 1000.0;
      system[i] = (job.stoppedAt() - job.createdAt()) / 1000.0;
      attemptCount += job.attempts().size();
    }
    // Running attempts as start/stop pairs, for concurrency, waves and per-instance busy time.
    long[] starts = new long[attemptCount];
    long[] stops = new long[attemptCount];
    int a = 0;
    long jobVcpuMillis = 0;
    for (TwinRun.JobRecord job : jobs) {
      for (TwinRun.AttemptRecord attempt : job.attempts()) {
        starts[a] = attempt.startedAt() > 0 ? attempt.startedAt() : attempt.stoppedAt();
        stops[a] = attempt.stoppedAt();
        jobVcpuMillis += (stops[a] - starts[a]) * workload.jobVcpus();
        a++;
      }
    }
    Fleet fleet = Fleet.of(run, prices);
    CostModel.Bill bill = fleet.bill;
    Arrays.sort(waits);
    Arrays.sort(system);
    double makespan = (lastStopped - firstCreated) / 1000.0;
    return new ConfigurationResult(configuration, true, makespan,
        maxRunning(starts, stops), waves(starts, stops), percentile(waits, 0.50), percentile(waits, 0.95),
        waits[n - 1], percentile(system, 0.50), percentile(system, 0.95), system[n - 1], fleet.peak,
        run.instances().size(), bill.busySeconds(), bill.bootSeconds(), bill.idleSeconds(),
        bill.paidVcpuSeconds() == 0 ? 0 : jobVcpuMillis / 1000.0 / bill.paidVcpuSeconds(),
        bill.cost(), bill.bootCost(), bill.idleCost(), bill.costPerJob(n), failed, attemptCount - n, Double.NaN,
        ConfigurationResult.Spread.of(makespan), ConfigurationResult.Spread.of(bill.cost()));
  }

  /** Each job's time in system (submit to end), seconds, in job order. */
  static double[] timesInSystem(TwinRun.Result run) {
    return run.jobs().stream().mapToDouble(j -> (j.stoppedAt() - j.createdAt()) / 1000.0).toArray();
  }

  /**
   * The queue length over time: an attempt waits from its job's submit (a retry: from its previous
   * attempt's end) until it is placed.
   */
  static QueueSteps queueLength(TwinRun.Result run) {
    List<long[]> changes = new ArrayList<>();
    long first = Long.MAX_VALUE;
    for (TwinRun.JobRecord job : run.jobs()) {
      first = Math.min(first, job.createdAt());
      long queuedAt = job.createdAt();
      for (TwinRun.AttemptRecord attempt : job.attempts()) {
        changes.add(new long[] {queuedAt, 1});
        changes.add(new long[] {attempt.placedAt(), -1});
        queuedAt = attempt.stoppedAt();
      }
    }
    // At one instant, placements before arrivals: a job placed on arrival never counts as queued.
    changes.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    double[] times = new double[changes.size() + 1];
    int[] lengths = new int[changes.size() + 1];
    int steps = 0;
    int length = 0;
    times[steps] = 0;
    lengths[steps++] = 0;
    for (int k = 0; k < changes.size(); k++) {
      length += (int) changes.get(k)[1];
      if (k + 1 < changes.size() && changes.get(k + 1)[0] == changes.get(k)[0]) {
        continue;
      }
      times[steps] = (changes.get(k)[0] - first) / 1000.0;
      if (times[steps] == times[steps - 1]) {
        steps--; // the first submit replaces the empty queue at time 0
      }
      lengths[steps++] = length;
    }
    return new QueueSteps(Arrays.copyOf(times, steps), Arrays.copyOf(lengths, steps));
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** The most attempts running at once; a stop and a start at the same instant are a hand-over. */
  static int maxRunning(long[] starts, long[] stops) {
    long[] s = starts.clone();
    long[] e = stops.clone();
    Arrays.sort(s);
    Arrays.sort(e);
    int running = 0;
    int max = 0;
    int j = 0;
    for (long start : s) {
      while (j < e.length && e[j] <= start) {
        j++;
        running--;
      }
      running++;
      max = Math.max(max, running);
    }
    return max;
  }

  /**
   * analysis.Waves' rule in O(n log n): in start order, an attempt opens a new wave when an attempt
   * of the current wave had already stopped by its start.
   */
  static int waves(long[] starts, long[] stops) {
    Integer[] order = new Integer[starts.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Long.compare(starts[x], starts[y]));
    int waves = 0;
    long earliestStopInWave = Long.MAX_VALUE;
    for (int i : order) {
      if (waves == 0 || earliestStopInWave <= starts[i]) {
        waves++;
        earliestStopInWave = Long.MAX_VALUE;
      }
      earliestStopInWave = Math.min(earliestStopInWave, stops[i]);
    }
    return waves;
  }

  /**
   * The instances' time and cost by {@link CostModel}; an instance is busy for the union of the
   * intervals its attempts were placed there.
   */
  private static final class Fleet {
    int peak;
    CostModel.Bill bill = CostModel.Bill.ZERO;

    static Fleet of(TwinRun.Result run, Prices prices) {
      Fleet fleet = new Fleet();
      List<TwinRun.InstanceRecord> instances = run.instances();
      int count = instances.size();
      // Busy intervals per instance: attempts are placed on an instance in time order of placement.
      long[] busyMillis = new long[count];
      long[][] placements = placements(run, count);
      for (int i = 0; i < count; i++) {
        long[] p = placements[i];
        long until = Long.MIN_VALUE;
        for (int k = 0; k < p.length; k += 2) {
          long from = Math.max(p[k], until);
          if (p[k + 1] > from) {
            busyMillis[i] += p[k + 1] - from;
          }
          until = Math.max(until, p[k + 1]);
        }
      }
      long[] launches = new long[count];
      long[] ends = new long[count];
      for (int i = 0; i < count; i++) {
        TwinRun.InstanceRecord instance = instances.get(i);
        launches[i] = instance.launchedAt();
        ends[i] = instance.endedAt();
        double up = (instance.endedAt() - instance.launchedAt()) / 1000.0;
        double boot = instance.registeredAt() < 0 ? up
            : (instance.registeredAt() - instance.launchedAt()) / 1000.0;
        fleet.bill = fleet.bill.plus(CostModel.bill(new CostModel.InstanceTime(instance.type(), instance.spot(),
            instance.vcpus(), up, boot, busyMillis[i] / 1000.0), prices));
      }
      fleet.peak = maxRunning(launches, ends);
      return fleet;
    }

    /** Per instance, its attempts' [placedAt, stoppedAt] pairs sorted by placement. */
    private static long[][] placements(TwinRun.Result run, int count) {
      int[] sizes = new int[count];
      for (TwinRun.JobRecord job : run.jobs()) {
        for (TwinRun.AttemptRecord attempt : job.attempts()) {
          sizes[attempt.instance()] += 2;
        }
      }
      long[][] placements = new long[count][];
      for (int i = 0; i < count; i++) {
        placements[i] = new long[sizes[i]];
        sizes[i] = 0;
      }
      for (TwinRun.JobRecord job : run.jobs()) {
        for (TwinRun.AttemptRecord attempt : job.attempts()) {
          long[] p = placements[attempt.instance()];
          p[sizes[attempt.instance()]++] = attempt.placedAt();
          p[sizes[attempt.instance()]++] = attempt.stoppedAt();
        }
      }
      for (long[] p : placements) {
        sortPairs(p);
      }
      return placements;
    }

    private static void sortPairs(long[] p) {
      int pairs = p.length / 2;
      long[][] tmp = new long[pairs][];
      for (int k = 0; k < pairs; k++) {
        tmp[k] = new long[] {p[2 * k], p[2 * k + 1]};
      }
      Arrays.sort(tmp, (x, y) -> Long.compare(x[0], y[0]));
      for (int k = 0; k < pairs; k++) {
        p[2 * k] = tmp[k][0];
        p[2 * k + 1] = tmp[k][1];
      }
    }
  }
}
