package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;

/** Job ids are unique across emulator starts, and reproducible on request. */
class IdsTest {

  /** The id of the first job submitted to a fresh emulator on the article fixture with seed 1. */
  private static String firstJobId(Consumer<BatchEmulator.Builder> options) {
    BatchEmulator.Builder builder = BatchEmulator.builder().templateJson(Fixtures.articleTemplate())
        .stackName("BatchLabStack").speed(Speed.MANUAL).seed(1);
    options.accept(builder);
    try (BatchEmulator emulator = builder.build().start(); BatchClient batch = Fixtures.batch(emulator)) {
      return batch.submitJob(r -> r.jobName("first").jobQueue(emulator.stack().output("JobQueueName").orElseThrow())
          .jobDefinition(emulator.stack().output("JobDefinitionName").orElseThrow())).jobId();
    }
  }

  @Test
  void aRestartedEmulatorWithTheSameSeedHandsOutNewJobIds() {
    assertThat(firstJobId(b -> { })).isNotEqualTo(firstJobId(b -> { }));
  }

  @Test
  void reproducibleIdsDependOnTheSeedAlone() {
    String id = firstJobId(BatchEmulator.Builder::reproducibleIds);
    assertThat(firstJobId(BatchEmulator.Builder::reproducibleIds)).isEqualTo(id);
    assertThat(firstJobId(b -> b.reproducibleIds().seed(2))).isNotEqualTo(id);
  }

  @Test
  void theSchedulersRandomDrawsFollowTheSeedWhateverTheSalt() {
    Ids reproducible = new Ids(7, 0);
    Ids salted = new Ids(7, Ids.startSalt());
    assertThat(salted.nextDouble()).isEqualTo(reproducible.nextDouble());
    assertThat(salted.uuid()).isNotEqualTo(reproducible.uuid());
  }
}
