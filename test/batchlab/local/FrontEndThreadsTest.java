package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;

/** An emulator that is never closed must not keep the JVM alive: every thread its HTTP server starts is a daemon. */
class FrontEndThreadsTest {

  @Test
  void everyThreadTheHttpServerStartsIsADaemon() {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (BatchEmulator emulator = BatchEmulator.builder().templateJson(Fixtures.articleTemplate())
        .stackName("BatchLabStack").speed(Speed.MANUAL).build().start();
         BatchClient batch = Fixtures.batch(emulator)) {
      assertThat(batch.describeJobQueues(r -> { }).jobQueues()).hasSize(1);
      Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
      started.removeAll(before);
      assertThat(started).extracting(Thread::getName).anyMatch(name -> name.startsWith("batch-emulator-http"));
      assertThat(started).filteredOn(thread -> !thread.isDaemon()).extracting(Thread::getName).isEmpty();
    }
  }
}
