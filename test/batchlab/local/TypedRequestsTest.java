package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every request body is read against the Batch API model: a value of the wrong type is a 400
 * ClientException naming the field, nothing is coerced, and nothing the SDK could not read back is
 * ever stored (the SDK's Describe calls keep working after each bad call).
 */
class TypedRequestsTest {

  @RegisterExtension
  static final ArticleEmulator article = new ArticleEmulator();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @AfterEach
  void everythingStoredIsStillReadableByTheSdk() {
    assertThat(article.batch.describeComputeEnvironments(r -> { }).computeEnvironments()).hasSize(1);
    assertThat(article.batch.describeJobQueues(r -> { }).jobQueues()).hasSize(1);
    assertThat(article.batch.describeJobDefinitions(r -> r.status("ACTIVE")).jobDefinitions()).hasSize(1);
    assertThat(article.batch.describeJobDefinitions(r -> { }).jobDefinitions()).isNotEmpty();
    String queue = article.output("JobQueueName");
    assertThat(article.batch.listJobs(r -> r.jobQueue(queue).filters(f -> f.name("JOB_NAME").values("*")))
        .jobSummaryList()).isEmpty();
  }

  private static HttpResponse<String> post(String operation, String body) throws Exception {
    String resolved = body.replace("CE", article.output("ComputeEnvironmentName"))
        .replace("QUEUE", article.output("JobQueueName"))
        .replace("DEF", article.output("JobDefinitionName"));
    return HTTP.send(HttpRequest.newBuilder(URI.create(article.emulator.endpoint() + "/v1/" + operation))
        .POST(HttpRequest.BodyPublishers.ofString(resolved)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final String CONTAINER = "\"jobDefinitionName\":\"d\",\"type\":\"container\",\"containerProperties\":"
      + "{\"image\":\"busybox\",\"vcpus\":1,\"memory\":512,";
  private static final String JOB = "\"jobName\":\"a\",\"jobQueue\":\"QUEUE\",\"jobDefinition\":\"DEF\"";

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "updatecomputeenvironment|{\"computeEnvironment\":\"CE\",\"computeResources\":{\"scalingPolicy\":"
          + "{\"minScaleDownDelayMinutes\":1.5}}}|computeResources.scalingPolicy.minScaleDownDelayMinutes must be an "
          + "integer, got 1.5",
      "updatecomputeenvironment|{\"computeEnvironment\":\"CE\",\"computeResources\":{\"bidPercentage\":\"x\"}}"
          + "|computeResources.bidPercentage must be an integer, got \"x\"",
      "updatecomputeenvironment|{\"computeEnvironment\":\"CE\",\"updatePolicy\":{\"jobExecutionTimeoutMinutes\":\"x\"}}"
          + "|updatePolicy.jobExecutionTimeoutMinutes must be an integer, got \"x\"",
      "updatecomputeenvironment|{\"computeEnvironment\":\"CE\",\"computeResources\":{\"maxvCpus\":4294967296}}"
          + "|computeResources.maxvCpus must be an integer from -2147483648 to 2147483647, got 4294967296",
      "registerjobdefinition|{" + CONTAINER + "\"ulimits\":[{\"name\":\"nofile\",\"softLimit\":1,\"hardLimit\":\"x\"}]}}"
          + "|containerProperties.ulimits[0].hardLimit must be an integer, got \"x\"",
      "registerjobdefinition|{" + CONTAINER + "\"linuxParameters\":{\"sharedMemorySize\":1.5}}}"
          + "|containerProperties.linuxParameters.sharedMemorySize must be an integer, got 1.5",
      "registerjobdefinition|{" + CONTAINER + "\"logConfiguration\":{\"logDriver\":\"carrier-pigeon\"}}}"
          + "|containerProperties.logConfiguration.logDriver 'carrier-pigeon' is not valid; allowed: json-file, "
          + "syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens",
      "registerjobdefinition|{" + CONTAINER + "\"environment\":[null]}}"
          + "|containerProperties.environment[0] must be a value, got null",
      "submitjob|{" + JOB + ",\"retryStrategy\":{\"attempts\":\"7\"}}|retryStrategy.attempts must be an integer, got \"7\"",
      "submitjob|{" + JOB + ",\"retryStrategy\":{\"attempts\":[]}}|retryStrategy.attempts must be an integer, got []",
      "submitjob|{" + JOB + ",\"retryStrategy\":{\"attempts\":true}}|retryStrategy.attempts must be an integer, got true",
      "submitjob|{" + JOB + ",\"propagateTags\":\"x\"}|propagateTags must be true or false, got \"x\"",
      "submitjob|{" + JOB + ",\"schedulingPriorityOverride\":\"x\"}|schedulingPriorityOverride must be an integer, got \"x\"",
      "submitjob|{" + JOB + ",\"parameters\":{\"seconds\":60}}|parameters.seconds must be a string, got 60",
      "submitjob|{" + JOB + ",\"containerOverrides\":\"x\"}|containerOverrides must be an object, got \"x\"",
  })
  void aWrongTypedFieldIsAClientExceptionNamingIt(String operation, String body, String message) throws Exception {
    HttpResponse<String> response = post(operation, body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ClientException");
    assertThat(Json.MAPPER.readTree(response.body()).path("message").asText()).isEqualTo(message);
  }

  @Test
  void trailingDataAfterTheJsonBodyIsMalformedJson() throws Exception {
    HttpResponse<String> response = post("submitjob", "{" + JOB + "} xyz");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(response.body()).path("message").asText())
        .startsWith("Malformed JSON in request body: Unrecognized token 'xyz'");
    HttpResponse<String> second = post("submitjob", "{" + JOB + "} {}");
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(second.body()).path("message").asText())
        .startsWith("Malformed JSON in request body: Trailing token (of type START_OBJECT) found after value");
  }

  @Test
  void membersTheApiModelDoesNotHaveAreNotStored() throws Exception {
    HttpResponse<String> registered = post("registerjobdefinition",
        "{" + CONTAINER + "\"bogus\":{\"deep\":1}},\"alsoBogus\":true}");
    assertThat(registered.statusCode()).isEqualTo(200);
    HttpResponse<String> described = post("describejobdefinitions", "{\"jobDefinitionName\":\"d\"}");
    assertThat(described.body()).doesNotContain("bogus");
    post("deregisterjobdefinition", "{\"jobDefinition\":\"d:1\"}");
  }
}
