package batchlab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.experiment.Experiment;
import batchlab.experiment.ExperimentListener;
import batchlab.experiment.ExperimentResult;
import batchlab.experiment.ExperimentSettings;
import batchlab.experiment.LocalTarget;
import batchlab.infra.StackSettings;
import batchlab.local.Speed;
import batchlab.local.Timings;
import batchlab.report.ComparisonRow;
import batchlab.run.JobAttempt;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner and the experiment agree: the default experiment (maxVcpus 4 then 20, through the SDK
 * against the emulator at 30x, slow enough that the fan-out's real-time spread stays well below 1
 * virtual second) and the plan
 * for the stack's defaults give the same max running and waves, and makespans within 1 s.
 */
class PlanMatchesExperimentTest {

  @TempDir static Path tmp;
  static List<ComparisonRow> observed;
  static List<ConfigurationResult> planned;

  @BeforeAll
  static void runBoth() throws Exception {
    ExperimentSettings settings = ExperimentSettings.builder().speed(Speed.of(30)).outDir(tmp.resolve("experiment")).build();
    ExperimentResult result = new Experiment(settings, LocalTarget.start(settings), ExperimentListener.NONE).run();
    observed = result.content().rows();
    StackSettings stack = StackSettings.defaults();
    Workload workload = new Workload(settings.jobs(), settings.jobSeconds(), stack.jobVcpus(), stack.jobMemoryMiB());
    List<Configuration> grid = Grid.product(settings.maxVcpus(), List.of(stack.instanceTypes()),
        List.of(stack.allocationStrategy()), List.of(stack.spot()), stack.jobVcpus(), stack.jobMemoryMiB());
    Planner planner = new Planner(workload, Timings.DEFAULT, Prices.listPrices(), 1, 1);
    planned = new ArrayList<>();
    for (int i = 0; i < grid.size(); i++) {
      planned.add(planner.run(grid.get(i), submitTimes(result.content().runs().get(i).watch().attempts())));
    }
  }

  /** Each job's submit time, in submission order, in milliseconds after the first. */
  static long[] submitTimes(List<JobAttempt> attempts) {
    List<Instant> created = attempts.stream().filter(a -> a.attempt() == 1).map(JobAttempt::createdAt).sorted().toList();
    return created.stream().mapToLong(c -> Duration.between(created.get(0), c).toMillis()).toArray();
  }

  @Test
  void maxRunningAndWavesAreExactlyTheExperimentsAtFourAndTwenty() {
    assertThat(planned).extracting(r -> r.configuration().maxVcpus()).containsExactly(4, 20);
    for (int i = 0; i < 2; i++) {
      assertThat(planned.get(i).maxRunning()).isEqualTo(observed.get(i).maxRunning());
      assertThat(planned.get(i).waves()).isEqualTo(observed.get(i).waves());
    }
    assertThat(planned).extracting(ConfigurationResult::maxRunning).containsExactly(2, 10);
  }

  @Test
  void makespansAreWithinOneSecondOfTheExperiments() {
    for (int i = 0; i < 2; i++) {
      assertThat(planned.get(i).makespan()).isCloseTo(observed.get(i).makespan().toMillis() / 1000.0, within(1.0));
    }
  }
}
