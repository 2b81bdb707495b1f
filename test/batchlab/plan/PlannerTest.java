package batchlab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.batch.AllocationStrategy;
import batchlab.local.Timings;
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
}
