package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.services.batch.CfnComputeEnvironment;

/**
 * CDK's built-in CloudFormation template validation (schema checks; errors fail synthesis because
 * cdk.json sets validateAgainstDefaultRules; in this JVM {@link StackSynthesizer#reportValidation} reads
 * the report, so nothing is printed). The launcher turns it off for {@code cdk synth} to keep synth fast,
 * so the suite runs it here instead.
 */
class CloudFormationValidationTest {

  @BeforeAll
  static void requireValidationEnabled() {
    Assumptions.assumeFalse("false".equalsIgnoreCase(System.getenv("CDK_VALIDATION")),
        "CDK_VALIDATION=false in the environment turns CDK's template validation off: nothing to test");
  }

  @Test
  void theStackPassesCloudFormationValidation(@TempDir Path outdir) throws Exception {
    BatchLabStack stack = StackSynthesizer.newStack(Map.of("maxVcpus", "20"), Optional.empty(), Optional.of(outdir));

    ((App) stack.getNode().getRoot()).synth();

    var report = new ObjectMapper().readTree(outdir.resolve("validation-report.json").toFile());
    assertThat(report.get("pluginReports")).as("validation findings").isEmpty();
  }

  @Test
  void theFairShareStackPassesCloudFormationValidation(@TempDir Path outdir) throws Exception {
    BatchLabStack stack = StackSynthesizer.newStack(Map.of("queues", "high:1000,low:0", "fairShare", "true",
        "shares", "teamA:0.0001,ops*:999.9999", "shareDecaySeconds", "604800", "computeReservation", "99",
        "schedulingPriority", "9999"), Optional.empty(), Optional.of(outdir));

    ((App) stack.getNode().getRoot()).synth();

    var report = new ObjectMapper().readTree(outdir.resolve("validation-report.json").toFile());
    assertThat(report.get("pluginReports")).as("validation findings").isEmpty();
  }

  @Test
  void validationIsActiveAndRejectsABadPropertyValue(@TempDir Path outdir) throws Exception {
    BatchLabStack stack = StackSynthesizer.newStack(Map.of(), Optional.empty(), Optional.of(outdir));
    ((CfnComputeEnvironment) stack.computeEnvironment().computeEnvironment().getNode().getDefaultChild())
        .addPropertyOverride("ComputeResources.MaxvCpus", "many");

    ((App) stack.getNode().getRoot()).synth();
    Path report = outdir.resolve("validation-report.json");

    assertThat(Files.readString(report)).contains("ComputeResources.MaxvCpus").contains("'many' is not of type 'integer'");
    assertThatThrownBy(() -> StackSynthesizer.reportValidation(report))
        .hasMessage("the synthesized template failed validation: F3012: ComputeResources.MaxvCpus: 'many' is not of"
            + " type 'integer'");
  }
}
