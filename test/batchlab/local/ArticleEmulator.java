package batchlab.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * One emulator on the article fixture (stack BatchLabStack, MANUAL clock) and its Batch SDK client, shared
 * by the tests of a class: {@code @RegisterExtension static final ArticleEmulator article = new ArticleEmulator();}
 * starts it before the first test and stops it after the last.
 */
final class ArticleEmulator implements BeforeAllCallback, AfterAllCallback {

  BatchEmulator emulator;
  BatchClient batch;

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator = BatchEmulator.builder().templateJson(Fixtures.articleTemplate()).stackName("BatchLabStack")
        .speed(Speed.MANUAL).build().start();
    batch = Fixtures.batch(emulator);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    batch.close();
    emulator.close();
  }

  /** The stack output {@code name} (JobQueueName, ComputeEnvironmentName, ...). */
  String output(String name) {
    return emulator.stack().output(name).orElseThrow();
  }
}
