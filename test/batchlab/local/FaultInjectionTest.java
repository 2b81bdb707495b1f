package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.BatchException;

/** --throttle-rate, --error-rate and --submit-tps: the failures AWS clients must handle, reproducibly. */
class FaultInjectionTest {

  @Test
  void everyRequestIsThrottledAtRateOneAsAwsReturnsIt() {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.faults(Faults.NONE.withThrottleRate(1)))) {
      assertThatThrownBy(() -> harness.batch.describeJobQueues(r -> { }))
          .isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Too Many Requests");
            assertThat(e.isThrottlingException()).isTrue();
          });
    }
  }

  @Test
  void everyRequestFailsAtErrorRateOneWithServerException() {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.faults(Faults.NONE.withErrorRate(1)))) {
      assertThatThrownBy(() -> harness.submit("job"))
          .isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
          });
      assertThat(harness.emulator.stack()).isNotNull();
    }
  }

  private static List<Integer> outcomes(long seed) {
    List<Integer> statuses = new ArrayList<>();
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.seed(seed)
        .faults(Faults.NONE.withThrottleRate(0.3).withErrorRate(0.2)))) {
      for (int i = 0; i < 40; i++) {
        try {
          harness.batch.describeJobQueues(r -> { });
          statuses.add(200);
        } catch (BatchException e) {
          statuses.add(e.statusCode());
        }
      }
    }
    return statuses;
  }

  @Test
  void theSameSeedInjectsTheSameFaultsInTheSameOrder() {
    List<Integer> first = outcomes(9);
    assertThat(first).contains(200, 429, 500);
    assertThat(outcomes(9)).isEqualTo(first);
    assertThat(outcomes(10)).isNotEqualTo(first);
  }

  @Test
  void submitJobsBeyondTheQuotaPerSecondAreThrottled() {
    try (EmulatorHarness harness = new EmulatorHarness(b -> b.faults(Faults.NONE.withSubmitTps(5)))) {
      int accepted = 0;
      int throttled = 0;
      for (int i = 0; i < 20; i++) {
        try {
          harness.submit("burst-" + i);
          accepted++;
        } catch (BatchException e) {
          assertThat(e.statusCode()).isEqualTo(429);
          throttled++;
        }
      }
      // A burst far faster than 5/s: the bucket's 5 tokens (plus what refills meanwhile) pass.
      assertThat(accepted).isBetween(5, 15);
      assertThat(throttled).isEqualTo(20 - accepted);
      assertThat(harness.batch.describeJobQueues(r -> { }).jobQueues()).as("other calls are not limited").hasSize(1);
    }
  }
}
