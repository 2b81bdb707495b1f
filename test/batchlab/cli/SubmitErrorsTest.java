package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.submit.AwsProxy;
import batchlab.submit.LocalBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each error of {@code submit}: one line on stderr, a non-zero exit, and nothing half-done. */
class SubmitErrorsTest {

  @TempDir Path runs;
  @TempDir Path harnessRuns;
  LocalBatch local;

  @BeforeEach
  void start() {
    local = LocalBatch.start(harnessRuns);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  private Cli submit(String endpoint, String... args) {
    List<String> all = new ArrayList<>(List.of("submit", "--endpoint-url", endpoint, "--region", "us-east-1",
        "--runs-dir", runs.toString()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private void assertNothingRecorded() throws Exception {
    try (var entries = Files.list(runs)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void missingStackOnTheEmulatorNamesTheStackItServes() throws Exception {
    Cli cli = submit(local.endpoint(), "--stack", "Nope");
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("batch-lab: stack Nope not found at " + local.endpoint()
        + ": the local emulator there serves BatchLab: pass --stack BatchLab, or restart it as"
        + " ./batch-lab local -c stackName=Nope (or pass --job-queue and --job-definition)\n");
    assertNothingRecorded();
  }

  @Test
  void disabledQueueIsRefusedWithTheCommandToEnableIt() throws Exception {
    String queue = local.output("JobQueueName");
    local.clients.batch().updateJobQueue(r -> r.jobQueue(queue).state("DISABLED"));
    Cli cli = submit(local.endpoint());
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("batch-lab: job queue " + queue + " is DISABLED / VALID, not ENABLED / VALID: "
        + "jobs would never be scheduled; enable it with: aws batch update-job-queue --job-queue " + queue
        + " --state ENABLED\n");
    assertNothingRecorded();
  }

  @Test
  void inactiveJobDefinitionIsRefused() throws Exception {
    String definition = local.output("JobDefinitionArn");
    local.clients.batch().deregisterJobDefinition(r -> r.jobDefinition(definition));
    Cli cli = submit(local.endpoint());
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("batch-lab: job definition " + definition + " is INACTIVE (deregistered): "
        + "redeploy the stack (npx cdk deploy) or pass an ACTIVE one with --job-definition\n");
    assertNothingRecorded();
  }

  @Test
  void accessDeniedOnSubmitJobNamesTheMissingPermission() {
    String denial = "User: arn:aws:iam::000000000000:user/dev is not authorized to perform: batch:SubmitJob";
    try (AwsProxy proxy = new AwsProxy(local.emulator.endpoint(), (call, forwarded) ->
        AwsProxy.isSubmitJob(call) ? AwsProxy.Answer.batchError(403, "AccessDeniedException", denial) : null)) {
      Cli cli = submit(proxy.endpoint().toString(), "--jobs", "3");
      assertThat(cli.exitCode()).isEqualTo(1);
      assertThat(cli.err()).startsWith("batch-lab: access denied: the caller may not use batch:SubmitJob (grant "
          + "batch:SubmitJob in its IAM policy): " + denial + " (0 of 3 submissions recorded; submit the rest with: "
          + "./batch-lab submit --resume ");
      assertThat(cli.err().lines()).hasSize(1);
    }
  }

  @Test
  void accessDeniedOnDescribeStacksNamesTheMissingPermission() throws Exception {
    String denial = "User: arn:aws:iam::000000000000:user/dev is not authorized to perform: "
        + "cloudformation:DescribeStacks";
    try (AwsProxy proxy = new AwsProxy(local.emulator.endpoint(), (call, forwarded) ->
        AwsProxy.isDescribeStacks(call) ? AwsProxy.Answer.cloudFormationError(403, "AccessDenied", denial) : null)) {
      Cli cli = submit(proxy.endpoint().toString());
      assertThat(cli.exitCode()).isEqualTo(1);
      assertThat(cli.err()).isEqualTo("batch-lab: access denied: the caller may not use cloudformation:DescribeStacks "
          + "(grant cloudformation:DescribeStacks in its IAM policy): " + denial + "\n");
    }
    assertNothingRecorded();
  }

  @Test
  void unreachableEndpointSaysSoInOneLine() {
    Cli cli = submit("http://127.0.0.1:1");
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("batch-lab: cannot reach http://127.0.0.1:1 for cloudformation:DescribeStacks: "
        + "Connection refused (is the local emulator still running? start it with ./batch-lab local and connect with --local)\n");
  }

  @Test
  void badValuesAreRejectedBeforeAnythingIsCalled() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (AwsProxy counting = new AwsProxy(local.emulator.endpoint(), (call, forwarded) -> {
      calls.incrementAndGet();
      return null;
    })) {
      String endpoint = counting.endpoint().toString();
      assertThat(submit(endpoint, "--jobs", "0").err()).isEqualTo("batch-lab: --jobs 0 is out of range: use 1 to 100000\n");
      assertThat(submit(endpoint, "--jobs", "1", "--array").err())
          .isEqualTo("batch-lab: --jobs 1 is not a valid array size: AWS Batch allows 2 to 10000\n");
      assertThat(submit(endpoint, "--name-prefix", "bad name").err())
          .startsWith("batch-lab: --name-prefix 'bad name' is not valid");
      assertThat(submit(endpoint, "--rate", "0").err())
          .isEqualTo("batch-lab: --rate 0.0 is not valid: use a positive number of SubmitJob calls per second\n");
      assertThat(submit(endpoint, "--resume", "20250101-000000-abcd", "--jobs", "5").err())
          .isEqualTo("batch-lab: --jobs cannot be combined with --resume: a resumed run keeps its own settings\n");
      assertThat(submit(endpoint, "--resume", "nope").err())
          .isEqualTo("batch-lab: no run 'nope' in " + runs + " (it has no runs yet)\n");
      assertThat(submit(endpoint, "--interval", "soon").err())
          .contains("'soon' is not a duration: use e.g. 500ms, 5s, 2m, 1h or 1m30s");
      for (String[] args : List.of(new String[] {"--jobs", "0"}, new String[] {"--rate", "-1"},
          new String[] {"--resume", "nope"}, new String[] {"--interval", "soon"}, new String[] {"--parameter", "x"})) {
        assertThat(submit(endpoint, args).exitCode()).as(String.join(" ", args)).isEqualTo(2);
      }
    }
    assertThat(calls.get()).isZero();
    assertNothingRecorded();
  }
}
