package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.batch.model.ClientException;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.JobStateTimeLimitAction;
import software.amazon.awssdk.services.batch.model.RegisterJobDefinitionRequest;

/** The API Reference's rules for names, evaluateOnExit patterns, definition size and time-limit reasons, through the SDK. */
class ValidationRulesTest {

  @RegisterExtension
  static final ArticleEmulator article = new ArticleEmulator();

  private static final ContainerProperties CONTAINER = ContainerProperties.builder().image("busybox")
      .resourceRequirements(Fixtures.vcpus(1), Fixtures.memory(512)).build();

  private static RegisterJobDefinitionRequest.Builder definition(String name) {
    return RegisterJobDefinitionRequest.builder().jobDefinitionName(name).type("container").containerProperties(CONTAINER);
  }

  private static void assertClientError(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ClientException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    });
  }

  @Test
  void resourceNamesMayStartWithAHyphenOrUnderscoreButJobNamesMayNot() {
    assertThat(article.batch.registerJobDefinition(definition("_private-def").build()).revision()).isEqualTo(1);
    assertThat(article.batch.registerJobDefinition(definition("-dash").build()).jobDefinitionName()).isEqualTo("-dash");
    assertClientError(() -> article.batch.registerJobDefinition(definition("x".repeat(129)).build()),
        "jobDefinitionName '" + "x".repeat(129) + "' is not valid: use 1-128 letters, numbers, hyphens and underscores");
    assertClientError(() -> article.batch.registerJobDefinition(definition("has space").build()),
        "jobDefinitionName 'has space' is not valid: use 1-128 letters, numbers, hyphens and underscores");
  }

  @Test
  void evaluateOnExitPatternsFollowTheDocumentedAlphabetWithAStarOnlyAtTheEnd() {
    assertThat(article.batch.registerJobDefinition(definition("patterns").retryStrategy(r -> r.attempts(3).evaluateOnExit(
        e -> e.onStatusReason("Host EC2*").onReason("Task failed to start").onExitCode("13*").action("RETRY"))).build())
        .revision()).isEqualTo(1);
    assertClientError(() -> article.batch.registerJobDefinition(definition("leading").retryStrategy(r -> r.attempts(3)
            .evaluateOnExit(e -> e.onReason("*failed").action("EXIT"))).build()),
        "retryStrategy.evaluateOnExit[0].onReason '*failed' is not valid: 1 to 512 letters, numbers, periods, colons "
            + "and spaces, with * only at the end");
    assertClientError(() -> article.batch.registerJobDefinition(definition("exitcode").retryStrategy(r -> r.attempts(3)
            .evaluateOnExit(e -> e.onExitCode("1a").action("EXIT"))).build()),
        "retryStrategy.evaluateOnExit[0].onExitCode '1a' is not valid: 1 to 512 digits, with * only at the end");
    String long513 = "a".repeat(513);
    assertClientError(() -> article.batch.registerJobDefinition(definition("toolong").retryStrategy(r -> r.attempts(3)
            .evaluateOnExit(e -> e.onStatusReason(long513).action("EXIT"))).build()),
        "retryStrategy.evaluateOnExit[0].onStatusReason '" + long513 + "' is not valid: 1 to 512 letters, numbers, "
            + "periods, colons and spaces, with * only at the end");
  }

  @Test
  void evaluateOnExitNeedsAttempts() {
    assertClientError(() -> article.batch.registerJobDefinition(definition("noattempts")
            .retryStrategy(r -> r.evaluateOnExit(e -> e.onReason("*").action("EXIT"))).build()),
        "retryStrategy.attempts is required when retryStrategy.evaluateOnExit is given");
  }

  @Test
  void aJobDefinitionOverTwentyFourKibIsRejected() {
    Map<String, String> big = Map.of("blob", "x".repeat(24 * 1024));
    assertThatThrownBy(() -> article.batch.registerJobDefinition(definition("big").parameters(big).build()))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .startsWith("Job definition big is ").endsWith(" bytes; the limit is 24 KiB"));
    assertThat(article.batch.describeJobDefinitions(r -> r.jobDefinitionName("big")).jobDefinitions()).isEmpty();
  }

  @Test
  void aTimeLimitActionReasonIsAFreeString() {
    String ce = article.output("ComputeEnvironmentName");
    JobStateTimeLimitAction custom = JobStateTimeLimitAction.builder().reason("MY:OWN_REASON").state("RUNNABLE")
        .maxTimeSeconds(600).action("CANCEL").build();
    article.batch.createJobQueue(r -> r.jobQueueName("free-reason").priority(1).computeEnvironmentOrder(Fixtures.first(ce))
        .jobStateTimeLimitActions(custom));
    assertThat(article.batch.describeJobQueues(r -> r.jobQueues("free-reason")).jobQueues().get(0).jobStateTimeLimitActions())
        .containsExactly(custom);
  }
}
