package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.BatchException;

/** Unexpected failures and undecodable requests still get an AWS-shaped answer, and the server keeps serving. */
class ServerErrorsTest {

  private static BatchEmulator.Builder fixture() {
    return BatchEmulator.builder().templateJson(Fixtures.articleTemplate()).stackName("BatchLabStack")
        .speed(Speed.MANUAL);
  }

  @Test
  void aBadPercentEscapeInTheFormBodyIsAQueryProtocol400() throws Exception {
    try (BatchEmulator emulator = fixture().build().start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulator.endpoint())
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeStacks&StackName=%zz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
      assertThat(response.body()).contains("<Code>InvalidQueryParameter</Code>")
          .contains("<Message>The AWS query string is malformed or does not adhere to AWS standards: "
              + "StackName=%zz has a bad percent-escape (% must be followed by two hex digits)</Message>");
    }
  }

  @Test
  void anUnexpectedErrorIsAServerExceptionWithAMessageAndALogLine() {
    WorkloadModel broken = job -> {
      throw new IllegalStateException("the model broke");
    };
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (BatchEmulator emulator = fixture().workload(broken).build().start(); BatchClient batch = Fixtures.batch(emulator)) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      String queue = emulator.stack().output("JobQueueName").orElseThrow();
      String definition = emulator.stack().output("JobDefinitionName").orElseThrow();
      assertThatThrownBy(() -> batch.submitJob(r -> r.jobName("a").jobQueue(queue).jobDefinition(definition)))
          .isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
            assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Internal error: java.lang.IllegalStateException: the model broke");
          });
      assertThat(batch.describeJobQueues(r -> { }).jobQueues()).hasSize(1);
    } finally {
      System.setErr(stderr);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("batch-lab emulator: internal error on POST "
        + "/v1/submitjob (request ").contains("java.lang.IllegalStateException: the model broke at ");
  }
}
