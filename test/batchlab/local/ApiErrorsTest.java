package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.batch.model.BatchException;
import software.amazon.awssdk.services.batch.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;

/** Bad requests get AWS-shaped errors and the server keeps serving. */
class ApiErrorsTest {

  static EmulatorHarness harness;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    harness = new EmulatorHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @AfterEach
  void serverStillServes() {
    assertThat(harness.batch.describeJobQueues(r -> { }).jobQueues()).hasSize(1);
  }

  private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.emulator.endpoint() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertClientError(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ClientException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ClientException");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    });
  }

  @Test
  void malformedJsonIsAClientExceptionWithTheErrorTypeHeader() throws Exception {
    HttpResponse<String> response = post("/v1/submitjob", "{\"jobName\": ");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ClientException");
    assertThat(response.body()).startsWith("{\"message\":\"Malformed JSON in request body: ");
  }

  @Test
  void aBodyThatIsNotAnObjectIsAClientException() throws Exception {
    HttpResponse<String> response = post("/v1/describejobs", "[1,2]");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"message\":\"Request body must be a JSON object\"}");
  }

  @Test
  void anUnknownBatchPathIsUnknownOperationException() throws Exception {
    HttpResponse<String> response = post("/v1/launchrockets", "{}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    assertThat(response.body()).isEqualTo("{\"message\":\"Unknown operation POST /v1/launchrockets\"}");
  }

  @Test
  void aBatchOperationTheEmulatorDoesNotModelSaysSo() {
    assertClientError(() -> harness.batch.listConsumableResources(r -> { }),
        "Operation listconsumableresources is not supported by the batch-lab emulator");
  }

  @Test
  void anUnknownEcsTargetIsAnErrorInTheJson11Shape() throws Exception {
    HttpResponse<String> response = post("/", "{}", "X-Amz-Target", "AmazonEC2ContainerServiceV20141113.RunTask",
        "Content-Type", "application/x-amz-json-1.1");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"__type\":\"UnknownOperationException\",\"message\":\"Operation RunTask "
        + "is not supported by the batch-lab emulator's ECS endpoint\"}");
  }

  @Test
  void aRequestThatIsNoneOfTheThreeProtocolsIsUnknownOperation() throws Exception {
    HttpResponse<String> response = post("/", "hello");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("<Code>UnknownOperationException</Code>");
  }

  @Test
  void anArrayJobLargerThanTenThousandIsRejected() {
    assertClientError(() -> harness.submit("huge", r -> r.arrayProperties(a -> a.size(10_001))),
        "arrayProperties.size must be between 2 and 10000, got 10001");
    assertClientError(() -> harness.submit("single", r -> r.arrayProperties(a -> a.size(1))),
        "arrayProperties.size must be between 2 and 10000, got 1");
  }

  @Test
  void describeJobsTakesAtMostOneHundredIds() {
    List<String> ids = Collections.nCopies(101, "00000000-0000-4000-8000-000000000000");
    assertClientError(() -> harness.batch.describeJobs(r -> r.jobs(ids)),
        "jobs accepts at most 100 job ids per call, got 101");
  }

  @Test
  void describeJobsLeavesUnknownIdsOut() {
    assertThat(harness.batch.describeJobs(r -> r.jobs("no-such-job", "7e1d1a52-0000-4000-8000-000000000000")).jobs())
        .isEmpty();
  }

  @Test
  void cancellingOrTerminatingAnUnknownJobIsAClientException() {
    assertClientError(() -> harness.batch.cancelJob(r -> r.jobId("not-a-job").reason("test")),
        "Job not-a-job does not exist");
    assertClientError(() -> harness.batch.terminateJob(r -> r.jobId("not-a-job").reason("test")),
        "Job not-a-job does not exist");
  }

  @Test
  void submitJobNamesTheMissingOrWrongField() {
    assertClientError(() -> harness.batch.submitJob(r -> r.jobQueue(harness.queue).jobDefinition(harness.definition)),
        "jobName is required");
    assertClientError(() -> harness.submit("bad name!"), "jobName 'bad name!' is not valid: use 1-128 letters, "
        + "numbers, hyphens and underscores, starting with a letter or number");
    assertClientError(() -> harness.batch.submitJob(r -> r.jobName("a").jobQueue("nope").jobDefinition(harness.definition)),
        "job queue nope does not exist");
    assertClientError(() -> harness.batch.submitJob(r -> r.jobName("a").jobQueue(harness.queue).jobDefinition("nope:7")),
        "job definition nope:7 does not exist or is not ACTIVE");
    assertClientError(() -> harness.submit("a", r -> r.dependsOn(Fixtures.after("missing"))),
        "dependsOn.jobId missing does not exist");
  }

  @Test
  void aSubmitJobPayloadOverThirtyKibIsRejected() {
    String big = "x".repeat(31 * 1024);
    assertClientError(() -> harness.submit("big", r -> r.parameters(java.util.Map.of("blob", big))),
        "SubmitJob payload is larger than the 30 KiB limit");
  }

  @Test
  void ecsNamesAnUnknownCluster() {
    assertThatThrownBy(() -> harness.ecs.listContainerInstances(r -> r.cluster("nope")))
        .isInstanceOfSatisfying(ClusterNotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cluster not found: nope"));
  }

  @Test
  void updateComputeEnvironmentValidatesTheCapacityRange() {
    assertClientError(() -> harness.batch.updateComputeEnvironment(r -> r.computeEnvironment(harness.computeEnvironment)
            .computeResources(c -> c.maxvCpus(2).minvCpus(4))),
        "computeResources.maxvCpus (2) must be greater than or equal to minvCpus (4)");
    assertClientError(() -> harness.batch.updateComputeEnvironment(r -> r.computeEnvironment(harness.computeEnvironment)
            .computeResources(c -> c.desiredvCpus(8))),
        "computeResources.desiredvCpus (8) must be between minvCpus (0) and maxvCpus (4)");
    assertClientError(() -> harness.batch.updateComputeEnvironment(r -> r.computeEnvironment("missing")),
        "compute environment missing does not exist");
  }

  @Test
  void errorsAreSdkExceptionsTheClientCanClassify() {
    assertThatThrownBy(() -> harness.batch.cancelJob(r -> r.jobId("x").reason("y")))
        .isInstanceOf(BatchException.class).isInstanceOf(SdkException.class);
  }
}
