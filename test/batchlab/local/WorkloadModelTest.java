package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.experiment.LabWorkload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.CEType;
import software.amazon.awssdk.services.batch.model.CRType;
import software.amazon.awssdk.services.batch.model.JobDefinitionType;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;

/** How long jobs run and whether they fail, as the workload model says: the lab's model and the default. */
class WorkloadModelTest {

  /** An emulator with no template and a MANUAL clock; one queue and a sleep_example.py definition. */
  private static final class Lab implements AutoCloseable {
    final BatchEmulator emulator;
    final BatchClient batch;
    final String queue;
    final String definition;

    Lab(WorkloadModel workload, Map<String, String> definitionParameters) {
      BatchEmulator.Builder builder = BatchEmulator.builder().speed(Speed.MANUAL).seed(5);
      if (workload != null) {
        builder.workload(workload);
      }
      emulator = builder.build().start();
      batch = Fixtures.batch(emulator);
      String ce = batch.createComputeEnvironment(r -> r.computeEnvironmentName("ce").type(CEType.MANAGED)
          .computeResources(c -> c.type(CRType.EC2).minvCpus(0).maxvCpus(4).instanceTypes("m7i.large")
              .subnets("subnet-1").instanceRole("ecsInstanceRole"))).computeEnvironmentArn();
      queue = batch.createJobQueue(r -> r.jobQueueName("queue").priority(1).computeEnvironmentOrder(Fixtures.first(ce)))
          .jobQueueArn();
      definition = batch.registerJobDefinition(r -> r.jobDefinitionName("sleep").type(JobDefinitionType.CONTAINER)
          .parameters(definitionParameters)
          .containerProperties(c -> c.image("python:3.12-slim").command("python", "sleep_example.py", "Ref::seconds")
              .resourceRequirements(Fixtures.vcpus(2), Fixtures.memory(1024)))).jobDefinitionArn();
    }

    JobDetail run(Consumer<SubmitJobRequest.Builder> extra) throws InterruptedException {
      String id = batch.submitJob(r -> {
        r.jobName("job").jobQueue(queue).jobDefinition(definition);
        extra.accept(r);
      }).jobId();
      assertThat(emulator.awaitJobsDone(Duration.ofSeconds(30))).isTrue();
      return batch.describeJobs(r -> r.jobs(id)).jobs().get(0);
    }

    @Override
    public void close() {
      batch.close();
      emulator.close();
    }
  }

  private static long runMillis(JobDetail job) {
    return job.stoppedAt() - job.startedAt();
  }

  @Test
  void theLabModelRunsTheDefinitionsSecondsParameter() throws Exception {
    try (Lab lab = new Lab(LabWorkload.DEFAULT, Map.of("seconds", "30"))) {
      JobDetail job = lab.run(r -> { });
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(runMillis(job)).isEqualTo(30_000);
      assertThat(job.container().exitCode()).isZero();
    }
  }

  @Test
  void aSubmitJobParameterOverridesTheDefinitionsDefault() throws Exception {
    try (Lab lab = new Lab(LabWorkload.DEFAULT, Map.of("seconds", "30"))) {
      JobDetail job = lab.run(r -> r.parameters(Map.of("seconds", "45.5")));
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(runMillis(job)).isEqualTo(45_500);
    }
  }

  @Test
  void aSecondsValueThatIsNotANumberFailsTheJobAsTheScriptWould() throws Exception {
    try (Lab lab = new Lab(LabWorkload.DEFAULT, Map.of("seconds", "30"))) {
      JobDetail job = lab.run(r -> r.parameters(Map.of("seconds", "soon")));
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.statusReason()).isEqualTo("Essential container in task exited");
      assertThat(job.container().exitCode()).isEqualTo(2);
      assertThat(job.container().reason())
          .isEqualTo("sleep_example.py: SECONDS must be a number from 0 to 86400, got 'soon'");
      assertThat(runMillis(job)).isZero();
    }
  }

  @Test
  void withoutTheParameterAJobRunsTheLabModelsDefaultDuration() throws Exception {
    try (Lab lab = new Lab(new LabWorkload(Duration.ofSeconds(17)), Map.of())) {
      JobDetail job = lab.run(r -> { });
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(runMillis(job)).isEqualTo(17_000);
    }
  }

  @Test
  void theEmulatorsDefaultModelRunsEveryJobSixtySecondsWhateverItsParameters() throws Exception {
    try (Lab lab = new Lab(null, Map.of("seconds", "30"))) {
      JobDetail job = lab.run(r -> r.parameters(Map.of("seconds", "not a number")));
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(runMillis(job)).isEqualTo(60_000);
    }
  }

  @Test
  void aModelSeesTheEffectiveParametersAndTheSubstitutedCommand() throws Exception {
    List<WorkloadModel.Submission> seen = new ArrayList<>();
    WorkloadModel recording = job -> {
      seen.add(job);
      return WorkloadModel.Run.succeedsAfter(Duration.ofSeconds(3));
    };
    try (Lab lab = new Lab(recording, Map.of("seconds", "30", "other", "x"))) {
      JobDetail job = lab.run(r -> r.parameters(Map.of("seconds", "45")));
      assertThat(runMillis(job)).isEqualTo(3_000);
    }
    assertThat(seen).hasSize(1);
    WorkloadModel.Submission submission = seen.get(0);
    assertThat(submission.jobName()).isEqualTo("job");
    assertThat(submission.definitionName()).isEqualTo("sleep");
    assertThat(submission.parameters()).isEqualTo(Map.of("seconds", "45", "other", "x"));
    assertThat(submission.command()).containsExactly("python", "sleep_example.py", "45");
  }

  @Test
  void theLabModelReadsOnlyNumbersFromZeroTo86400() {
    LabWorkload lab = LabWorkload.DEFAULT;
    assertThat(lab.defaultDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(lab.run(submission(Map.of()))).isEqualTo(WorkloadModel.Run.succeedsAfter(Duration.ofSeconds(60)));
    assertThat(lab.run(submission(Map.of("seconds", " 2.5 "))))
        .isEqualTo(WorkloadModel.Run.succeedsAfter(Duration.ofMillis(2_500)));
    assertThat(lab.run(submission(Map.of("seconds", "-1"))))
        .isEqualTo(WorkloadModel.Run.failsAtStart("sleep_example.py: SECONDS must be a number from 0 to 86400, got '-1'", 2));
    assertThat(lab.run(submission(Map.of("seconds", "86400"))))
        .isEqualTo(WorkloadModel.Run.succeedsAfter(Duration.ofDays(1)));
    assertThat(lab.run(submission(Map.of("seconds", "Infinity"))).failure())
        .isEqualTo("sleep_example.py: SECONDS must be a number from 0 to 86400, got 'Infinity'");
  }

  private static WorkloadModel.Submission submission(Map<String, String> parameters) {
    return new WorkloadModel.Submission("job", "sleep", parameters, List.of("python", "sleep_example.py"));
  }
}
