package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.aws.Backoff;
import batchlab.aws.Retry;
import batchlab.aws.StopSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;
import software.amazon.awssdk.services.batch.model.ResourceType;

/** The preflight warning and the emulator's blocked job name the same MISCONFIGURATION reason (one rule). */
class PreflightAgreesWithTheEmulatorTest {

  @TempDir
  Path runs;

  @Test
  void anEightVcpuJobOnTheArticlesStackGetsTheMaxResourceReasonFromBoth() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      BatchClient batch = local.clients.batch();
      // The article's stack: maxvCpus 4, only m7i.large (2 vCPU): too small in both ways.
      batch.registerJobDefinition(r -> r.jobDefinitionName("eight").type("container")
          .containerProperties(c -> c.image("public.ecr.aws/docker/library/python:3.13-slim")
              .resourceRequirements(requirement(ResourceType.VCPU, "8"), requirement(ResourceType.MEMORY, "1024"))));
      String queue = local.output("JobQueueArn");

      Retry retry = new Retry(Backoff.DEFAULT, new StopSignal(), "test");
      Preflight.Result preflight = Preflight.check(batch, queue, "eight", Map.of(), 1, retry);
      String id = batch.submitJob(r -> r.jobName("eight").jobQueue(queue).jobDefinition("eight")).jobId();
      local.emulator.advance(Duration.ofMinutes(1));
      String statusReason = batch.describeJobs(r -> r.jobs(id)).jobs().get(0).statusReason();

      assertThat(statusReason).startsWith("MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - ");
      assertThat(preflight.warnings()).singleElement().asString()
          .contains("(" + statusReason.substring(0, statusReason.indexOf(" - ")) + ")");
    }
  }

  private static ResourceRequirement requirement(ResourceType type, String value) {
    return ResourceRequirement.builder().type(type).value(value).build();
  }
}
