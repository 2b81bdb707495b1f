package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import batchlab.plan.ConfigurationResult;
import batchlab.plan.Prices;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan behind each experiment run, and the aws target's cost question made of its figures. */
class ExperimentPlanTest {

  @TempDir Path tmp;

  private ExperimentSettings aws(boolean yes, Map<String, String> context) {
    return ExperimentSettings.builder().target(Target.AWS).assumeYes(yes).context(context).outDir(tmp).build();
  }

  @Test
  void eachRunIsPlannedWithTheSettingsConfigurationAndTheOneCostModel() {
    ExperimentPlan plan = ExperimentPlan.of(aws(false, Map.of("spot", "false")), Prices.listPrices());

    // maxVcpus 4, on-demand m7i.large at 0.1008 USD/h: 2 instances, 650 s busy, 180 s boot, 600 s idle
    ConfigurationResult four = plan.predicted(4).orElseThrow();
    assertThat(four.makespan()).isEqualTo(417.0);
    assertThat(four.busySeconds() + four.bootSeconds() + four.idleSeconds()).isEqualTo(1430.0);
    assertThat(four.cost()).isCloseTo(1430 * 0.1008 / 3600, within(1e-12));
    assertThat(plan.predicted(20).orElseThrow().makespan()).isEqualTo(157.0);
    assertThat(plan.predicted(8)).isEmpty();
  }

  @Test
  void theCostQuestionGivesThePlansFiguresPerRunTheTotalAndThePrices() {
    ExperimentSettings settings = aws(false, Map.of());
    String text = ExperimentPlan.of(settings, Prices.listPrices()).describe(settings.maxVcpus());

    // 1430 s x 0.03024 USD/h = 0.0120; 20: 10 x (90 boot + 65 busy + 300 idle) s = 4550 s = 0.0382
    assertThat(text).isEqualTo("""
        This deploys the stack to AWS and launches EC2 instances (spot), which costs money. What ./batch-lab plan predicts:
          max vCPU 4: makespan about 417 s, 2 instances at peak, 0.40 instance-hours (boot 0.05, idle 0.17) = 0.0120 USD*
          max vCPU 20: makespan about 157 s, 10 instances at peak, 1.26 instance-hours (boot 0.25, idle 0.83) = 0.0382 USD*
          total: about 1.66 instance-hours, 0.0502 USD*, plus the image build and push to ECR, public IPv4 addresses and CloudWatch Logs (small)
          prices: on-demand: EC2 list prices, Linux, us-east-1, 2025 list prices, per second with a 60 s minimum; spot: ASSUMED 30 % of on-demand (no spot prices given) (* = assumed spot price)
        """);
  }

  @Test
  void givenSpotPricesAreUsedAndNotMarked() {
    ExperimentSettings settings = aws(false, Map.of());
    String text = ExperimentPlan.of(settings, Prices.withSpot(Map.of("m7i.large", 0.036), "test prices"))
        .describe(settings.maxVcpus());

    // 1430 s x 0.036 USD/h = 0.0143
    assertThat(text).contains("= 0.0143 USD\n").contains("spot: test prices").doesNotContain("*");
  }

  @Test
  void saysSoWhenARunCannotBePlanned() {
    ExperimentSettings settings = aws(false, Map.of("instanceTypes", "x9z.large"));
    String text = ExperimentPlan.of(settings, Prices.listPrices()).describe(settings.maxVcpus());

    assertThat(text).contains("  max vCPU 4: no estimate (").contains("total: unknown");
  }

  @Test
  void asksWithThePlansFiguresUnlessYesWasGiven() {
    List<String> asked = new ArrayList<>();
    ExperimentSettings settings = aws(false, Map.of());

    assertThat(ExperimentPlan.of(settings, Prices.listPrices()).confirmed(settings, q -> asked.add(q) && false))
        .isFalse();
    assertThat(asked).singleElement().asString().contains("0.0502 USD*").endsWith("Deploy and run?");
    ExperimentSettings yes = aws(true, Map.of());
    assertThat(ExperimentPlan.of(yes, Prices.listPrices()).confirmed(yes, q -> {
      throw new AssertionError("--yes must not ask");
    })).isTrue();
  }

  @Test
  void consoleConfirmationTakesOnlyYAndYesAsYes() {
    assertThat(answer("y\n")).isTrue();
    assertThat(answer("Yes\n")).isTrue();
    assertThat(answer("n\n")).isFalse();
    assertThat(answer("\n")).isFalse();
    assertThat(answer("")).as("end of input").isFalse();
  }

  private static boolean answer(String typed) {
    StringWriter shown = new StringWriter();
    boolean yes = new ConsoleConfirmation(new BufferedReader(new StringReader(typed)), new PrintWriter(shown))
        .confirm("Deploy?");
    assertThat(shown.toString()).isEqualTo("Deploy? [y/N] ");
    return yes;
  }
}
