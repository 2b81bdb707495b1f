package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.analysis.Prediction;
import batchlab.aws.ComputeEnvironmentInfo;
import batchlab.aws.QueueCapacity;
import batchlab.run.JobShape;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit warnings: jobs that can never be placed would sit RUNNABLE forever. */
class PreflightTest {

  private static QueueCapacity queue(int maxVcpus, String state, String... types) {
    return queue("SPOT", "BEST_FIT_PROGRESSIVE", maxVcpus, state, types);
  }

  private static QueueCapacity queue(String type, String strategy, int maxVcpus, String state, String... types) {
    return new QueueCapacity("arn:q", "q", "ENABLED", "VALID", List.of(new ComputeEnvironmentInfo("arn:ce", "ce",
        state, "VALID", type, maxVcpus, 0, List.of(types), strategy, "arn:cluster")));
  }

  private static List<String> warnings(QueueCapacity queue, int vcpus, int memory) {
    JobShape shape = new JobShape(vcpus, memory, Duration.ofSeconds(60));
    return Preflight.warnings(queue, shape, Prediction.of(10, shape, queue.maxVcpus(), queue.knownInstanceTypes()));
  }

  @Test
  void theArticlesJobFitsWithoutWarnings() {
    assertThat(warnings(queue(4, "ENABLED", "m7i.large"), 2, 1024)).isEmpty();
  }

  @Test
  void aJobAskingForTheFullNominalMemoryFitsNoInstance() {
    assertThat(warnings(queue(20, "ENABLED", "m7i.large"), 2, 8192)).containsExactly(
        "a job needs 2 vCPU / 8192 MiB but no allowed instance type can hold it (m7i.large: 2 vCPU, 7953 MiB usable)"
            + " (MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT): jobs would sit RUNNABLE forever");
  }

  @Test
  void aJobNeedingMoreVcpusThanMaxVcpus() {
    assertThat(warnings(queue(4, "ENABLED", "m7i"), 8, 1024)).containsExactly(
        "a job needs 8 vCPU / 1024 MiB but the compute environment's maxvCpus is 4 "
            + "(MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE): jobs would sit RUNNABLE forever");
  }

  @Test
  void aJobTooBigForBothMaxVcpusAndEveryTypeGetsTheMaxResourceReasonAsTheEmulatorGivesIt() {
    // 8 vCPU on maxvCpus 4 with only m7i.large (2 vCPU): the rule checks maxvCpus first (Misconfiguration).
    assertThat(warnings(queue(4, "ENABLED", "m7i.large"), 8, 1024)).containsExactly(
        "a job needs 8 vCPU / 1024 MiB but the compute environment's maxvCpus is 4 "
            + "(MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE): jobs would sit RUNNABLE forever");
  }

  @Test
  void theSmallestFittingTypeLargerThanMaxVcpusOnBestFitOnDemandCanNeverLaunch() {
    assertThat(warnings(queue("EC2", "BEST_FIT", 2, "ENABLED", "m7i.xlarge"), 2, 1024)).containsExactly(
        "a job needs 2 vCPU / 1024 MiB and the smallest allowed type that holds it, m7i.xlarge (4 vCPU), is larger "
            + "than maxvCpus 2 (MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE): jobs would sit RUNNABLE forever");
  }

  @Test
  void theSmallestFittingTypeLargerThanMaxVcpusRunsOnlyOnTheOvershootInstance() {
    // BEST_FIT_PROGRESSIVE may go one instance over maxvCpus: the jobs run, but not as the prediction counts.
    assertThat(warnings(queue(2, "ENABLED", "m7i.xlarge"), 2, 1024)).containsExactly(
        "a job needs 2 vCPU / 1024 MiB and the smallest allowed type that holds it, m7i.xlarge (4 vCPU), is larger "
            + "than maxvCpus 2: jobs run only on the one instance the allocation strategy may launch beyond maxvCpus");
  }

  @Test
  void aDisabledComputeEnvironmentIsCalledOut() {
    assertThat(warnings(queue(4, "DISABLED", "m7i.large"), 2, 1024)).contains(
        "compute environment ce is DISABLED / VALID: its jobs wait RUNNABLE until it is ENABLED and VALID");
  }

  @Test
  void instanceTypesOutsideTheCatalogueCannotBeChecked() {
    assertThat(warnings(queue(4, "ENABLED", "p5.48xlarge"), 2, 1024)).containsExactly(
        "cannot check that a job fits: instance types p5.48xlarge are not in the catalogue");
  }
}
