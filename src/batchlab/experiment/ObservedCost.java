package batchlab.experiment;

import batchlab.plan.CostModel;
import batchlab.plan.Prices;
import batchlab.report.RunCost;
import batchlab.run.InstanceObservation;
import batchlab.run.JobAttempt;
import batchlab.run.Sample;
import batchlab.run.TaskObservation;
import batchlab.watch.WatchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run's instances cost by {@link CostModel}, from what its watch observed: each container
 * instance from its EC2 launchTime (from its ECS registration when launchTime was not readable, so
 * its boot is then left out) to when it left the cluster (halfway between the last poll that
 * listed it and the first that did not; the watch's last moment if it never left), booting until
 * it registered, busy while one of the run's attempts was placed on it (ECS task createdAt, else
 * the attempt's startedAt, to its stoppedAt). On the local target that is the twin's instance time,
 * so the cost is an estimate; on AWS it is the real instances' time, priced, still not the bill.
 */
public final class ObservedCost {

  private ObservedCost() {}

  /** The run's cost, or empty when the watch saw no instance with a known type. */
  public static Optional<RunCost> of(WatchResult watch, boolean spot, Prices prices) {
    List<CostModel.InstanceTime> instances = instanceTimes(watch, spot);
    if (instances.isEmpty()) {
      return Optional.empty();
    }
    CostModel.Bill bill = CostModel.bill(instances, prices);
    boolean assumed = prices.assumed(instances.stream().map(CostModel.InstanceTime::type).distinct().toList(), spot);
    return Optional.of(new RunCost(bill.cost(), bill.bootCost(), bill.idleCost(), bill.costPerJob(watch.summary().jobs()),
        bill.paidSeconds(), assumed));
  }

  static List<CostModel.InstanceTime> instanceTimes(WatchResult watch, boolean spot) {
    Instant watchEnd = end(watch);
    Map<String, Instant> placedAt = new HashMap<>();
    for (TaskObservation task : watch.observations().tasks()) {
      if (task.createdAt() != null) {
        placedAt.put(task.jobId() + "#" + task.attempt(), task.createdAt());
      }
    }
    Map<String, List<Instant[]>> busy = new HashMap<>();
    for (JobAttempt attempt : watch.attempts()) {
      Instant from = placedAt.getOrDefault(attempt.jobId() + "#" + attempt.attempt(), attempt.startedAt());
      if (attempt.instance() == null || from == null) {
        continue;
      }
      Instant to = attempt.stoppedAt() != null ? attempt.stoppedAt() : watchEnd;
      busy.computeIfAbsent(attempt.instance(), k -> new ArrayList<>()).add(new Instant[] {from, to});
    }
    List<CostModel.InstanceTime> times = new ArrayList<>();
    for (InstanceObservation instance : watch.observations().instances()) {
      if (instance.instanceType() == null || instance.registeredAt() == null) {
        continue;
      }
      Instant launched = instance.launchTime() != null ? instance.launchTime() : instance.registeredAt();
      Instant left = instance.leftAt() != null ? instance.leftAt() : watchEnd;
      if (left.isBefore(launched)) {
        left = launched;
      }
      times.add(new CostModel.InstanceTime(instance.instanceType(), spot, instance.vcpus(), seconds(launched, left),
          seconds(launched, instance.registeredAt()), union(busy.getOrDefault(instance.name(), List.of()))));
    }
    return times;
  }

  /** The seconds covered by the intervals, overlaps counted once. */
  static double union(List<Instant[]> intervals) {
    List<Instant[]> sorted = intervals.stream().sorted(Comparator.comparing(i -> i[0])).toList();
    double total = 0;
    Instant until = null;
    for (Instant[] interval : sorted) {
      Instant from = until != null && until.isAfter(interval[0]) ? until : interval[0];
      if (interval[1].isAfter(from)) {
        total += seconds(from, interval[1]);
        until = interval[1];
      }
    }
    return total;
  }

  private static Instant end(WatchResult watch) {
    return watch.samples().stream().map(Sample::time).filter(Objects::nonNull).max(Comparator.naturalOrder())
        .orElse(watch.run().createdAt());
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
  }
}
