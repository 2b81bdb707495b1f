package batchlab.plan;

import batchlab.batch.InstancePrices;
import java.util.List;

/**
 * The project's one cost model, used by {@code plan} (the twin's instance records) and by the
 * experiment (the instances its watch observed, and the aws target's cost question). An instance is
 * paid from launch to termination, at least EC2's one-minute minimum ({@link
 * InstancePrices#MINIMUM_BILLED_SECONDS}), at its type's hourly price for its purchase option; its
 * paid time splits into booting (launch to ECS registration), busy (at least one job placed) and idle
 * (the rest: before the first job, between jobs, and the scale-in delay after the last), and the cost
 * splits in the same proportions. Cost per job is the job's share of its instance's paid time by
 * vCPU-seconds; those shares add up to the total, so per job it is total / jobs.
 */
public final class CostModel {

  private CostModel() {}

  /**
   * One instance's time, in seconds.
   *
   * @param upSeconds launch to termination (or to the end of what was seen)
   * @param bootSeconds launch to ECS registration (all of {@code upSeconds} if it never registered)
   * @param busySeconds with at least one job placed on it
   */
  public record InstanceTime(String type, boolean spot, int vcpus, double upSeconds, double bootSeconds,
      double busySeconds) {}

  /**
   * Instance-seconds and USD of a set of instances.
   *
   * @param paidSeconds instance-seconds billed; {@code bootSeconds + busySeconds + idleSeconds}
   * @param cost USD for the paid time; {@code bootCost} and {@code idleCost} are its shares
   */
  public record Bill(double paidSeconds, double bootSeconds, double busySeconds, double idleSeconds,
      double paidVcpuSeconds, double cost, double bootCost, double idleCost) {

    public static final Bill ZERO = new Bill(0, 0, 0, 0, 0, 0, 0, 0);

    public Bill plus(Bill other) {
      return new Bill(paidSeconds + other.paidSeconds, bootSeconds + other.bootSeconds,
          busySeconds + other.busySeconds, idleSeconds + other.idleSeconds, paidVcpuSeconds + other.paidVcpuSeconds,
          cost + other.cost, bootCost + other.bootCost, idleCost + other.idleCost);
    }

    /** Each job's share by vCPU-seconds, which for equal jobs is the total / jobs. */
    public double costPerJob(int jobs) {
      return jobs == 0 ? Double.NaN : cost / jobs;
    }

    /** The share of the cost spent booting and idle, 0 to 1. */
    public double bootAndIdleShare() {
      return cost == 0 ? 0 : (bootCost + idleCost) / cost;
    }
  }

  /** What one instance costs. */
  public static Bill bill(InstanceTime instance, Prices prices) {
    double paid = Math.max(instance.upSeconds(), InstancePrices.MINIMUM_BILLED_SECONDS);
    double boot = Math.min(instance.bootSeconds(), paid);
    double busy = Math.min(instance.busySeconds(), paid - boot);
    double idle = paid - boot - busy;
    double perSecond = prices.hourly(instance.type(), instance.spot()) / 3600.0;
    return new Bill(paid, boot, busy, idle, paid * instance.vcpus(), paid * perSecond, boot * perSecond,
        idle * perSecond);
  }

  /** What a set of instances costs. */
  public static Bill bill(List<InstanceTime> instances, Prices prices) {
    Bill total = Bill.ZERO;
    for (InstanceTime instance : instances) {
      total = total.plus(bill(instance, prices));
    }
    return total;
  }
}
