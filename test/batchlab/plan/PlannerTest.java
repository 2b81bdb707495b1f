package batchlab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.batch.AllocationStrategy;
import batchlab.local.CapacityLimits;
import batchlab.local.Timings;
import batchlab.local.TwinRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked runs on the emulator's scheduler with the default timings: dispatch 2 s, boot 90 s,
 * job start 5 s, scale-in after 5 min idle.
 */
class PlannerTest {

  static final Workload ARTICLE = new Workload(10, 60, 2, 1024);
  static final Planner PLANNER = new Planner(ARTICLE, Timings.DEFAULT, Prices.listPrices(), 1, 1);

  static Configuration config(int maxVcpus, String types, AllocationStrategy strategy, boolean spot) {
    return new Configuration(maxVcpus, List.of(types.split(",")), strategy, spot);
  }

  @Test
  void whenAllJobsFitAtOnceTheMakespanIsDispatchBootStartAndOneJob() {
    ConfigurationResult twenty = PLANNER.run(config(20, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, true));

    assertThat(twenty.completed()).isTrue();
    assertThat(twenty.makespan()).isEqualTo(2 + 90 + 5 + 60.0);
    assertThat(twenty.maxRunning()).isEqualTo(10);
    assertThat(twenty.waves()).isEqualTo(1);
    assertThat(twenty.peakInstances()).isEqualTo(10);
    assertThat(twenty.waitMax()).isEqualTo(92.0);
    assertThat(twenty.systemMax()).isEqualTo(157.0);
  }

  @Test
  void maxVcpusFourRunsTwoAtATimeInFiveWavesOfStartPlusJob() {
    ConfigurationResult four = PLANNER.run(config(4, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, true));

    assertThat(four.maxRunning()).isEqualTo(2);
    assertThat(four.waves()).isEqualTo(5);
    assertThat(four.peakInstances()).isEqualTo(2);
    // first wave at 2 + 90 + 5, then each wave 5 s start + 60 s run on the warm instances
    assertThat(four.makespan()).isEqualTo(92 + 5 * 65.0);
  }

  @Test
  void timeIsSplitIntoBootBusyAndIdleBeforeScaleIn() {
    ConfigurationResult twenty = PLANNER.run(config(20, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, false));

    // 10 instances: 90 s boot, 65 s placed (start + run), then 300 s idle until scale-in
    assertThat(twenty.bootSeconds()).isEqualTo(900.0);
    assertThat(twenty.busySeconds()).isEqualTo(650.0);
    assertThat(twenty.idleSeconds()).isEqualTo(3000.0);
    assertThat(twenty.utilisation()).isCloseTo(10 * 60 * 2 / (10 * 455 * 2.0), within(1e-9));
  }

  @Test
  void costOfAHandComputedConfigurationToTheCent() {
    ConfigurationResult twenty = PLANNER.run(config(20, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, false));

    // 10 x m7i.large on-demand at 0.1008 USD/h for 455 s each (90 boot + 65 busy + 300 idle)
    assertThat(twenty.cost()).isCloseTo(0.1274, within(0.00005));
    assertThat(Math.round(twenty.cost() * 100)).isEqualTo(13);
    assertThat(twenty.bootCost()).isCloseTo(10 * 90 * 0.1008 / 3600, within(1e-12));
    assertThat(twenty.idleCost()).isCloseTo(10 * 300 * 0.1008 / 3600, within(1e-12));
    assertThat(twenty.costPerJob()).isCloseTo(twenty.cost() / 10, within(1e-12));
  }

  @Test
  void oneVcpuJobsOnXlargePackFourToAnInstance() {
    Planner planner = new Planner(new Workload(8, 60, 1, 512), Timings.DEFAULT, Prices.listPrices(), 1, 1);
    ConfigurationResult result = planner.run(config(8, "m7i.xlarge", AllocationStrategy.BEST_FIT_PROGRESSIVE, false));

    assertThat(result.maxRunning()).isEqualTo(8);
    assertThat(result.peakInstances()).isEqualTo(2);
    assertThat(result.waves()).isEqualTo(1);
  }

  @Test
  void memoryBoundJobsPackByMemoryNotVcpus() {
    // 6 GiB jobs: one per m7i.large (7,943 MiB usable), though two would fit by vCPUs
    Planner planner = new Planner(new Workload(4, 60, 1, 6144), Timings.DEFAULT, Prices.listPrices(), 1, 1);
    ConfigurationResult result = planner.run(config(8, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, false));

    assertThat(result.peakInstances()).isEqualTo(4);
    assertThat(result.maxRunning()).isEqualTo(4);
  }

  @Test
  void bestFitProgressiveOvershootsMaxVcpusByOneInstanceAndBestFitOnDemandDoesNot() {
    // maxVcpus 5 with 2-vCPU instances: 2 fit within, a third overshoots to 6 where AWS allows it
    ConfigurationResult progressive = PLANNER.run(config(5, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, false));
    ConfigurationResult bestFit = PLANNER.run(config(5, "m7i.large", AllocationStrategy.BEST_FIT, false));

    assertThat(progressive.peakInstances()).isEqualTo(3);
    assertThat(progressive.maxRunning()).isEqualTo(3);
    assertThat(bestFit.peakInstances()).isEqualTo(2);
    assertThat(bestFit.maxRunning()).isEqualTo(2);
  }

  @Test
  void mixedTypesBestFitLaunchesTheCheapestInstanceAndProgressiveTheCheapestPerVcpu() {
    // m7i.large is the cheapest instance (0.1008/h); c7i.xlarge the cheapest per vCPU (0.0446 vs 0.0504)
    Configuration bestFit = config(20, "m7i.large,c7i.xlarge", AllocationStrategy.BEST_FIT, false);
    Configuration progressive = config(20, "m7i.large,c7i.xlarge", AllocationStrategy.BEST_FIT_PROGRESSIVE, false);
    ConfigurationResult cheapestInstance = PLANNER.run(bestFit);
    ConfigurationResult cheapestPerVcpu = PLANNER.run(progressive);

    assertThat(cheapestInstance.peakInstances()).isEqualTo(10);
    assertThat(cheapestInstance.cost()).isCloseTo(10 * 455 * 0.1008 / 3600, within(1e-9));
    assertThat(cheapestPerVcpu.peakInstances()).isEqualTo(5);
    assertThat(cheapestPerVcpu.cost()).isCloseTo(5 * 455 * 0.1785 / 3600, within(1e-9));
    assertThat(cheapestPerVcpu.makespan()).isEqualTo(cheapestInstance.makespan());
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() throws Exception {
    List<Configuration> grid = Grid.product(List.of(2, 4, 6, 8, 20), List.of(List.of("m7i.large")),
        List.of(AllocationStrategy.BEST_FIT, AllocationStrategy.BEST_FIT_PROGRESSIVE), List.of(false), 2, 1024);
    List<ConfigurationResult> one = PLANNER.runAll(grid);
    List<ConfigurationResult> two = new Planner(ARTICLE, Timings.DEFAULT, Prices.listPrices(), 1, 2).runAll(grid);

    assertThat(two).isEqualTo(one);
    assertThat(one).hasSize(10);
  }
  @Test
  void aCapacityLimitForcesTheSecondChoiceType() {
    // BEST_FIT_PROGRESSIVE prefers c7i.xlarge (cheapest per vCPU); EC2 gives only 2 of them, so
    // the other 6 jobs go to m7i.large, one each: 2 x 4 + 6 x 2 = 20 vCPUs, all 10 jobs at once
    Configuration mixed = config(20, "m7i.large,c7i.xlarge", AllocationStrategy.BEST_FIT_PROGRESSIVE, false);
    Planner limited = new Planner(ARTICLE, new Planner.Settings(Timings.DEFAULT,
        CapacityLimits.parse("c7i.xlarge=2"), 0, 1, 1), Prices.listPrices(), 1);
    ConfigurationResult result = limited.run(mixed);

    assertThat(result.peakInstances()).isEqualTo(8);
    assertThat(result.maxRunning()).isEqualTo(10);
    assertThat(result.makespan()).isEqualTo(157.0);
    assertThat(result.cost()).isCloseTo((2 * 0.1785 + 6 * 0.1008) * 455 / 3600, within(1e-9));
    TwinRun.Result run = limited.records(mixed, 0);
    assertThat(run.instances()).extracting(TwinRun.InstanceRecord::type)
        .containsOnly("c7i.xlarge", "m7i.large").filteredOn("c7i.xlarge"::equals).hasSize(2);
  }

  @Test
  void aFailingJobRunsItsTimeThenFailsAndIsNotRetried() {
    Workload allFail = new Workload(10, 2, 1024, new Arrivals.AllAtOnce(), new Durations.Fixed(60), 1, 0);
    ConfigurationResult result = new Planner(allFail, Timings.DEFAULT, Prices.listPrices(), 1, 1)
        .run(config(20, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, true));

    // exits 1 after its 60 s; the stack's retry strategy retries only "Host EC2*", so it is final
    assertThat(result.failedJobs()).isEqualTo(10.0);
    assertThat(result.retriedAttempts()).isZero();
    assertThat(result.makespan()).isEqualTo(2 + 90 + 5 + 60.0);
  }

  @Test
  void aShareOfFailingJobsIsDrawnPerJobFromTheSeed() {
    Workload someFail = new Workload(1000, 2, 1024, new Arrivals.AllAtOnce(), new Durations.Fixed(60), 0.2, 0);
    boolean[] fails = someFail.draw(1).fails();
    int failing = 0;
    for (boolean f : fails) {
      failing += f ? 1 : 0;
    }
    assertThat(failing).isBetween(170, 230);
    assertThat(someFail.draw(1).fails()).isEqualTo(fails);
    assertThat(someFail.draw(2).fails()).isNotEqualTo(fails);
  }

  @Test
  void reclaimedSpotAttemptsAreRetriedAndOnDemandIsNeverReclaimed() {
    // 30 reclaims per instance-hour: a spot instance lives 2 min on average, shorter than boot + job
    Workload reclaimed = new Workload(10, 2, 1024, new Arrivals.AllAtOnce(), new Durations.Fixed(60), 0, 30);
    Planner planner = new Planner(reclaimed, Timings.DEFAULT, Prices.listPrices(), 1, 1);
    ConfigurationResult spot = planner.run(config(20, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, true));
    ConfigurationResult onDemand = planner.run(config(20, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, false));

    assertThat(spot.retriedAttempts()).isPositive();
    assertThat(spot.instancesLaunched()).isGreaterThan(10);
    assertThat(onDemand.retriedAttempts()).isZero();
    assertThat(onDemand.failedJobs()).isZero();
    assertThat(onDemand.makespan()).isEqualTo(157.0);
  }

  @Test
  void repeatsDrawNewWorkloadsAndReportTheirSpread() {
    Workload random = new Workload(50, 2, 1024, Arrivals.parse("poisson:10/min"), Durations.parse("exp:60"), 0, 0);
    Planner planner = new Planner(random, new Planner.Settings(Timings.DEFAULT, CapacityLimits.NONE, 0, 1, 3),
        Prices.listPrices(), 1);
    Configuration c = config(40, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, false);
    ConfigurationResult result = planner.run(c);
    List<Double> makespans = List.of(0, 1, 2).stream()
        .map(k -> Measurements.of(c, random, planner.records(c, k), Prices.listPrices()).makespan()).toList();

    assertThat(result.makespanSpread().runs()).isEqualTo(3);
    assertThat(makespans).doesNotHaveDuplicates();
    assertThat(result.makespanSpread().min()).isEqualTo(makespans.stream().mapToDouble(d -> d).min().orElseThrow());
    assertThat(result.makespanSpread().max()).isEqualTo(makespans.stream().mapToDouble(d -> d).max().orElseThrow());
    assertThat(result.makespan()).isCloseTo(makespans.stream().mapToDouble(d -> d).average().orElseThrow(), within(1e-9));
    assertThat(result.costSpread().min()).isLessThanOrEqualTo(result.cost()).isPositive();
  }

  @Test
  void continuousArrivalsAboveTheUsableVcpusMakeTheQueueUnbounded() {
    // 2/min x (5 s start + 60 s) = 2.17 jobs in service on average: 2 slots (maxVcpus 4, m7i.large) cannot keep up
    Workload steady = new Workload(30, 2, 1024, Arrivals.parse("rate:2/min"), new Durations.Fixed(60), 0, 0);
    Planner planner = new Planner(steady, Timings.DEFAULT, Prices.listPrices(), 1, 1);
    ConfigurationResult four = planner.run(config(4, "m7i.large", AllocationStrategy.BEST_FIT, false));
    ConfigurationResult six = planner.run(config(6, "m7i.large", AllocationStrategy.BEST_FIT, false));

    assertThat(four.offeredLoad()).isCloseTo(2 / 60.0 * 65 / 2, within(1e-9));
    assertThat(four.unbounded()).isTrue();
    assertThat(six.offeredLoad()).isCloseTo(2 / 60.0 * 65 / 3, within(1e-9));
    assertThat(six.unbounded()).isFalse();
    assertThat(PlanOutcome.of(List.of(four, six), 1e6, 1e6).cheapestWithinDeadline()).contains(six);
  }

  @Test
  void usableSlotsCountWholeInstancesTheOvershootMemoryAndCapacity() {
    assertThat(OfferedLoad.slots(config(5, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, false), 2, 1024,
        CapacityLimits.NONE)).isEqualTo(3);
    assertThat(OfferedLoad.slots(config(5, "m7i.large", AllocationStrategy.BEST_FIT, false), 2, 1024,
        CapacityLimits.NONE)).isEqualTo(2);
    assertThat(OfferedLoad.slots(config(8, "m7i.large", AllocationStrategy.BEST_FIT, false), 1, 6144,
        CapacityLimits.NONE)).isEqualTo(4);
    assertThat(OfferedLoad.slots(config(20, "m7i.large,c7i.xlarge", AllocationStrategy.BEST_FIT, false), 2, 1024,
        CapacityLimits.parse("c7i.xlarge=2,m7i.large=3"))).isEqualTo(2 * 2 + 3);
  }

  @Test
  void aBurstHasNoOfferedLoad() {
    assertThat(PLANNER.run(config(4, "m7i.large", AllocationStrategy.BEST_FIT, false)).offeredLoad()).isNaN();
  }
  @Test
  void theQueueHoldsEveryJobUntilPlacedAndEmptiesAsWavesStart() {
    RunDetail detail = PLANNER.detail(config(4, "m7i.large", AllocationStrategy.BEST_FIT_PROGRESSIVE, true)).orElseThrow();

    // all 10 wait from 0 s; two placed at 92 s (boot done), then two more at each hand-over, every 65 s
    assertThat(detail.queue().times()).containsExactly(0, 92, 157, 222, 287, 352);
    assertThat(detail.queue().lengths()).containsExactly(10, 8, 6, 4, 2, 0);
    assertThat(detail.timesInSystemSorted()).containsExactly(157, 157, 222, 222, 287, 287, 352, 352, 417, 417);
  }
}
