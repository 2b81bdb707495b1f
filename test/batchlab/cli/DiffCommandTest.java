package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.local.BatchEmulator;
import batchlab.local.LabEmulators;
import batchlab.local.Speed;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code batch-lab diff}: what it prints, its exit codes, its bad options, and --deployed through GetTemplate. */
class DiffCommandTest {

  @Test
  void aMaxVcpusSwapIsAScalingUpdateInPlace() {
    Cli diff = Cli.run("diff", "--from", "maxVcpus=4", "-c", "maxVcpus=20");

    assertThat(diff.exitCode()).isZero();
    assertThat(diff.out()).isEqualTo("""
        stack BatchLab: -c maxVcpus=4 -> -c maxVcpus=20
        ComputeEnvironment2B67C44C (AWS::Batch::ComputeEnvironment): scaling update: in place, running jobs unaffected
            ComputeResources.MaxvCpus: 4 -> 20
        result: every change in place, running jobs unaffected (exit 0)
        """);
  }

  @Test
  void theSameContextTwiceHasNoChanges() {
    Cli diff = Cli.run("diff", "--from", "maxVcpus=4", "-c", "maxVcpus=4");

    assertThat(diff.exitCode()).isZero();
    assertThat(diff.out()).endsWith(
        "result: no changes (CloudFormation would answer \"No updates are to be performed.\") (exit 0)\n");
  }

  @Test
  void aBestFitStrategyWouldFailWithExitFourAndSaysWhy() {
    Cli diff = Cli.run("diff", "-c", "allocationStrategy=BEST_FIT");

    assertThat(diff.exitCode()).isEqualTo(4);
    assertThat(diff.out()).contains("will fail: Infrastructure updates are not supported for compute environments "
        + "using the BEST_FIT allocation strategy").endsWith("result: the update would fail and roll back (exit 4)\n");
  }

  @Test
  void deployedComparesWithTheTemplateTheStackHasNow() {
    try (BatchEmulator emulator = LabEmulators.synthesized(Map.of("maxVcpus", "4")).speed(Speed.MANUAL).build()
        .start()) {
      Cli diff = Cli.run("diff", "--deployed", "--endpoint-url", emulator.endpoint().toString(), "--region",
          "us-east-1", "-c", "maxVcpus=20", "-c", "instanceTypes=c7i.large");

      assertThat(diff.err()).isEmpty();
      assertThat(diff.exitCode()).isEqualTo(3);
      assertThat(diff.out()).startsWith("stack BatchLab: deployed BatchLab -> -c maxVcpus=20 -c instanceTypes=c7i.large\n")
          .contains("    ComputeResources.MaxvCpus: 4 -> 20\n", "    ComputeResources.InstanceTypes: [\"m7i.large\"] -> "
              + "[\"c7i.large\"]\n", "infrastructure update: instances replaced as they drain");
    }
  }

  @Test
  void deployedWithAStackThatDoesNotExistIsARuntimeFailure() {
    try (BatchEmulator emulator = LabEmulators.synthesized(Map.of()).speed(Speed.MANUAL).build().start()) {
      Cli diff = Cli.run("diff", "--deployed", "--stack", "Nope", "--endpoint-url", emulator.endpoint().toString(),
          "--region", "us-east-1");

      assertThat(diff.exitCode()).isEqualTo(1);
      assertThat(diff.err()).startsWith("batch-lab: AWS call failed: Stack with id Nope does not exist");
    }
  }

  @Test
  void badOptionsAreOneLineAndExitTwo() {
    Cli both = Cli.run("diff", "--deployed", "--from", "maxVcpus=4");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("batch-lab: --from and --deployed are alternatives: compare with a context or "
        + "with the deployed stack, not both\n");

    Cli region = Cli.run("diff", "--region", "us-east-1");
    assertThat(region.exitCode()).isEqualTo(2);
    assertThat(region.err()).isEqualTo("batch-lab: --stack, --region, --profile and --endpoint-url apply to "
        + "--deployed only\n");

    Cli typo = Cli.run("diff", "-c", "maxVcpu=20");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).startsWith("batch-lab: unknown context key 'maxVcpu': did you mean 'maxVcpus'?");
    assertThat(typo.out()).isEmpty();
  }
}
