package batchlab.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;
import software.amazon.awssdk.services.ecs.EcsClient;

/** An emulator on the article fixture with a MANUAL clock, its SDK clients and polling helpers. */
final class EmulatorHarness implements AutoCloseable {

  final BatchEmulator emulator;
  final BatchClient batch;
  final EcsClient ecs;
  final String queue;
  final String definition;
  final String computeEnvironment;

  EmulatorHarness(Consumer<BatchEmulator.Builder> options) {
    BatchEmulator.Builder builder = LabEmulators.synthesized(Map.of()).speed(Speed.MANUAL).seed(11);
    options.accept(builder);
    emulator = builder.build().start();
    batch = Fixtures.batch(emulator);
    ecs = Fixtures.ecs(emulator);
    queue = emulator.stack().output("JobQueueName").orElseThrow();
    definition = emulator.stack().output("JobDefinitionName").orElseThrow();
    computeEnvironment = emulator.stack().output("ComputeEnvironmentName").orElseThrow();
  }

  EmulatorHarness() {
    this(b -> { });
  }

  String submit(String name) {
    return submit(name, r -> { });
  }

  String submit(String name, Consumer<SubmitJobRequest.Builder> extra) {
    return batch.submitJob(r -> {
      r.jobName(name).jobQueue(queue).jobDefinition(definition);
      extra.accept(r);
    }).jobId();
  }

  JobDetail job(String id) {
    return batch.describeJobs(r -> r.jobs(id)).jobs().get(0);
  }

  List<JobDetail> jobs(List<String> ids) {
    return batch.describeJobs(r -> r.jobs(ids)).jobs();
  }

  /** Polls like a watcher every {@code step} of virtual time until the condition holds (or fails). */
  void advanceUntil(Duration step, Duration limit, Predicate<BatchClient> condition) {
    for (long waited = 0; waited <= limit.toMillis(); waited += step.toMillis()) {
      if (condition.test(batch)) {
        return;
      }
      emulator.advance(step);
    }
    throw new AssertionError("condition not met within " + limit + " of virtual time");
  }

  void runToCompletion() {
    try {
      if (!emulator.awaitJobsDone(Duration.ofSeconds(30))) {
        throw new AssertionError("jobs did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    batch.close();
    ecs.close();
    emulator.close();
  }
}
