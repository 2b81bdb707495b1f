package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.aws.AwsClients;
import batchlab.aws.Backoff;
import batchlab.local.Faults;
import batchlab.run.RunRecord;
import batchlab.run.SubmittedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every job submitted exactly once: counted by name on the server, and the run record agrees with it. */
class ExactlyOnceTest {

  /** Quick retries so a test with thousands of faults stays fast. */
  static final SubmitOptions FAST_RETRIES = SubmitOptions.defaults()
      .withBackoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), 30));

  @TempDir Path runs;

  @Test
  void everyJobOnceDespiteTwentyPercentThrottlingAndFivePercentServerErrors() {
    try (LocalBatch local = LocalBatch.start(runs, Faults.NONE.withThrottleRate(0.2).withErrorRate(0.05))) {
      SubmitResult result = new Submitter(local.clients, local.store, FAST_RETRIES)
          .submit(SubmitRequest.builder().jobs(200).namePrefix("faulty").build(), SubmitListener.NONE);

      assertThat(result.interrupted()).isFalse();
      assertThat(result.stats().throttled()).isPositive();
      assertThat(result.stats().ambiguous()).isPositive();
      assertExactlyOnce(local, "faulty", 200, local.store.load(result.run().runId()));
    }
  }

  @Test
  void aJobCreatedButAnsweredWithAnErrorIsFoundByNameAndNotSubmittedAgain() {
    try (LocalBatch local = LocalBatch.start(runs)) {
      AtomicInteger submits = new AtomicInteger();
      // Every third SubmitJob reaches the emulator, which creates the job, but its answer is lost:
      // alternately a 500 and a dropped connection.
      AwsProxy.Rule loseEveryThird = (call, forwarded) -> {
        if (!AwsProxy.isSubmitJob(call)) {
          return null;
        }
        int n = submits.incrementAndGet();
        if (n % 3 != 0) {
          return null;
        }
        forwarded.forward();
        return n % 2 == 0 ? AwsProxy.Answer.batchError(500, "ServerException", "Internal failure after the job was created")
            : AwsProxy.Answer.dropped();
      };
      try (AwsProxy proxy = new AwsProxy(local.emulator.endpoint(), loseEveryThird);
          AwsClients viaProxy = AwsClients.forEndpoint(proxy.endpoint(), "us-east-1")) {
        SubmitResult result = new Submitter(viaProxy, local.store, FAST_RETRIES)
            .submit(SubmitRequest.builder().jobs(30).namePrefix("lost").build(), SubmitListener.NONE);

        assertThat(submits.get()).isEqualTo(30);
        assertThat(result.stats().ambiguous()).isEqualTo(10);
        assertThat(result.stats().adopted()).isEqualTo(10);
        assertThat(result.stats().submitted()).isEqualTo(20);
        assertExactlyOnce(local, "lost", 30, local.store.load(result.run().runId()));
      }
    }
  }

  static void assertExactlyOnce(LocalBatch local, String prefix, int jobs, RunRecord record) {
    Map<String, List<String>> onServer = local.jobsByName(prefix + "-");
    assertThat(onServer).hasSize(jobs);
    assertThat(onServer.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    assertThat(record.complete()).isTrue();
    Map<String, String> recorded = record.jobs().stream()
        .collect(Collectors.toMap(SubmittedJob::name, SubmittedJob::id));
    Map<String, String> server = onServer.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    assertThat(recorded).isEqualTo(server);
  }
}
