package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.LabContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain submit builds the SDK clients it calls and no others: building one loads its whole service model. */
class ClientsASubmitBuildsTest {

  @TempDir Path runs;

  @Test
  void aSubmitFromTheStackOutputsBuildsOnlyTheBatchAndCloudFormationClients() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      assertThat(local.clients.built()).isEmpty();

      new Submitter(local.clients, local.store, SubmitOptions.defaults())
          .submit(SubmitRequest.builder().jobs(3).build(), SubmitListener.NONE);

      assertThat(local.clients.built()).containsExactly("batch", "cloudformation");
    }
  }

  @Test
  void aSubmitWithAnExplicitQueueAndDefinitionBuildsOnlyTheBatchClient() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      new Submitter(local.clients, local.store, SubmitOptions.defaults())
          .submit(SubmitRequest.builder().jobs(3).jobQueue(local.output(LabContract.OUTPUT_JOB_QUEUE_NAME))
                  .jobDefinition(local.output(LabContract.OUTPUT_JOB_DEFINITION_NAME)).build(),
              SubmitListener.NONE);

      assertThat(local.clients.built()).containsExactly("batch");
    }
  }
}
