package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import batchlab.local.BatchEmulator;
import batchlab.local.LabEmulators;
import batchlab.local.Speed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * {@code batch-lab diff} on a table of context changes from the defaults, each with the class the update
 * rules give it and the exit status; then the same change applied to the emulator with UpdateStack,
 * while a job runs, to check the emulator does what the diff says.
 */
class DiffTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CE = "ComputeEnvironment2B67C44C";
  private static final String QUEUE = "JobQueueCEF19709";
  private static final String DEFINITION = "JobDefinition1E1E22A5";
  private static final String LOG_GROUP = "JobDefinitionLogGroupD74AF496";

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("maxVcpus", "20", CE, "SCALING", 0),
        Arguments.of("minVcpus", "2", CE, "SCALING", 0),
        Arguments.of("desiredVcpus", "2", CE, "SCALING", 0),
        Arguments.of("instanceTypes", "c7i.large", CE, "INFRASTRUCTURE", 3),
        Arguments.of("allocationStrategy", "SPOT_PRICE_CAPACITY_OPTIMIZED", CE, "INFRASTRUCTURE", 3),
        Arguments.of("allocationStrategy", "BEST_FIT", CE, "FAILURE", 4),
        Arguments.of("spot", "false", CE, "INFRASTRUCTURE", 3),
        Arguments.of("jobVcpus", "1", DEFINITION, "NEW_REVISION", 0),
        Arguments.of("jobMemoryMiB", "2048", DEFINITION, "NEW_REVISION", 0),
        Arguments.of("jobTimeoutSeconds", "120", DEFINITION, "NEW_REVISION", 0),
        Arguments.of("logRetentionDays", "30", LOG_GROUP, "CLOUDFORMATION", 0),
        Arguments.of("name", "other-lab", DEFINITION, "NEW_REVISION", 0),
        Arguments.of("runnableTimeoutSeconds", "1200", QUEUE, "IN_PLACE", 0));
  }

  @ParameterizedTest(name = "-c {0}={1}: {2} {3}, exit {4}")
  @MethodSource("changes")
  void diffClassifiesTheChangeAndTheEmulatorDoesWhatItSays(String key, String value, String resource, String kind,
      int exit) throws Exception {
    Cli diff = Cli.run("diff", "-c", key + "=" + value, "--json");
    assertThat(diff.err()).isEmpty();
    assertThat(diff.exitCode()).isEqualTo(exit);
    JsonNode report = JSON.readTree(diff.out());
    List<String> kinds = new ArrayList<>();
    report.path("changes").forEach(c -> kinds.add(c.path("logicalId").asText() + " " + c.path("kind").asText()));
    assertThat(kinds).contains(resource + " " + kind);
    assertThat(report.path("exitCode").asInt()).isEqualTo(exit);

    SynthesizedStack before = StackSynthesizer.synthesize(Map.of());
    SynthesizedStack after = StackSynthesizer.synthesize(Map.of(key, value));
    try (BatchEmulator emulator = LabEmulators.template(before.templateJson(), before.stackName())
        .speed(Speed.MANUAL).seed(3).build().start();
        Clients clients = new Clients(emulator.endpoint())) {
      String ceArn = emulator.stack().output("ComputeEnvironmentArn").orElseThrow();
      String queueArn = emulator.stack().output("JobQueueArn").orElseThrow();
      String definitionArn = emulator.stack().output("JobDefinitionArn").orElseThrow();
      String job = clients.batch.submitJob(r -> r.jobName("running").jobQueue(queueArn).jobDefinition(definitionArn))
          .jobId();
      emulator.advance(Duration.ofMinutes(2));
      assertThat(status(clients.batch, job)).isEqualTo(JobStatus.RUNNING);

      clients.cfn.updateStack(r -> r.stackName(before.stackName()).templateBody(after.templateJson()));
      emulator.advance(Duration.ofSeconds(3));
      String ceStatus = clients.batch.describeComputeEnvironments(r -> r.computeEnvironments(ceArn))
          .computeEnvironments().get(0).statusAsString();
      String stackStatus = awaitStack(emulator, clients.cfn, before.stackName());

      assertThat(stackStatus).isEqualTo(kind.equals("FAILURE") ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_COMPLETE");
      assertThat(ceStatus).isEqualTo(kind.equals("INFRASTRUCTURE") ? "UPDATING" : "VALID");
      // No change in the table replaces the compute environment or the queue.
      assertThat(emulator.stack().output("ComputeEnvironmentArn")).contains(ceArn);
      assertThat(emulator.stack().output("JobQueueArn")).contains(queueArn);
      String newDefinition = emulator.stack().output("JobDefinitionArn").orElseThrow();
      if (kind.equals("NEW_REVISION")) {
        assertThat(newDefinition).isNotEqualTo(definitionArn);
        assertThat(clients.batch.describeJobDefinitions(r -> r.jobDefinitions(definitionArn, newDefinition))
            .jobDefinitions()).extracting(d -> d.jobDefinitionArn() + " " + d.status())
            .containsExactlyInAnyOrder(definitionArn + " INACTIVE", newDefinition + " ACTIVE");
      } else {
        assertThat(newDefinition).isEqualTo(definitionArn);
      }
      if (kind.equals("FAILURE")) {
        assertThat(JSON.readTree(clients.cfn.getTemplate(r -> r.stackName(before.stackName())).templateBody()))
            .isEqualTo(JSON.readTree(before.templateJson()));
      }
      // The job that ran through the update (60 s, far below the 30 min drain limit) is unharmed.
      emulator.awaitJobsDone(Duration.ofSeconds(30));
      assertThat(clients.batch.describeJobs(r -> r.jobs(job)).jobs().get(0).attempts()).singleElement()
          .satisfies(a -> assertThat(a.container().exitCode()).isZero());
    }
  }

  private static JobStatus status(BatchClient batch, String job) {
    return batch.describeJobs(r -> r.jobs(job)).jobs().get(0).status();
  }

  static String awaitStack(BatchEmulator emulator, CloudFormationClient cfn, String stack) {
    for (int i = 0; i < 600; i++) {
      String status = cfn.describeStacks(r -> r.stackName(stack)).stacks().get(0).stackStatusAsString();
      if (!status.endsWith("_IN_PROGRESS")) {
        return status;
      }
      emulator.advance(Duration.ofSeconds(1));
    }
    throw new AssertionError("stack " + stack + " still updating after 10 virtual minutes");
  }

  /** SDK clients with dummy credentials at the emulator. */
  static final class Clients implements AutoCloseable {
    final BatchClient batch;
    final CloudFormationClient cfn;

    Clients(URI endpoint) {
      StaticCredentialsProvider dummy = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
      batch = BatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(dummy)
          .build();
      cfn = CloudFormationClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
          .credentialsProvider(dummy).build();
    }

    @Override
    public void close() {
      batch.close();
      cfn.close();
    }
  }
}
