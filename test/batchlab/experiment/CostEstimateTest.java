package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

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

class CostEstimateTest {

  @TempDir Path tmp;

  private ExperimentSettings aws(boolean yes, Map<String, String> context) {
    return ExperimentSettings.builder().target(Target.AWS).assumeYes(yes).context(context).outDir(tmp).build();
  }

  @Test
  void estimatesInstanceHoursPerRunFromThePrediction() {
    CostEstimate estimate = CostEstimate.of(aws(false, Map.of()));

    // 4: 2 instances x (90 s boot + 5 x 60 s + 300 s idle) = 1380 s; 20: 10 x (90 + 60 + 300) = 4500 s
    assertThat(estimate.runs()).containsExactly(
        "max vCPU 4: 2 x m7i.large for about 11 min (5 waves of 60 s, boot and idle scale-in included) = 0.38 instance-hours",
        "max vCPU 20: 10 x m7i.large for about 7 min (1 wave of 60 s, boot and idle scale-in included) = 1.25 instance-hours");
    assertThat(estimate.instanceHours()).isCloseTo(5880 / 3600.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(estimate.describe()).startsWith("This deploys the stack to AWS and launches EC2 instances (spot)")
        .contains("total: about 1.63 instance-hours");
  }

  @Test
  void saysSoWhenAnInstanceTypeIsNotInTheCatalogue() {
    CostEstimate estimate = CostEstimate.of(aws(false, Map.of("instanceTypes", "x9z.large")));

    assertThat(estimate.instanceHours()).isNull();
    assertThat(estimate.describe()).contains("not in the catalogue").contains("total: unknown");
  }

  @Test
  void asksWithTheEstimateUnlessYesWasGiven() {
    List<String> asked = new ArrayList<>();

    assertThat(CostEstimate.confirmed(aws(false, Map.of()), q -> asked.add(q) && false)).isFalse();
    assertThat(asked).singleElement().asString().contains("1.63 instance-hours").endsWith("Deploy and run?");
    assertThat(CostEstimate.confirmed(aws(true, Map.of()), q -> {
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
