package batchlab.submit;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.aws.AwsClients;
import batchlab.run.Outcome;
import batchlab.run.Sample;
import batchlab.run.WaitCause;
import batchlab.watch.WatchListener;
import batchlab.watch.WatchResult;
import batchlab.watch.Watcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller without the calls calibration and the wait causes add (batch:GetJobQueueSnapshot,
 * ecs:DescribeTasks, ec2:DescribeInstances) still gets a complete watch: a warning for each, the
 * observations say what is missing, and the wait causes come from the run's own jobs.
 */
class CalibrationPermissionsTest {

  @TempDir Path runs;

  @Test
  void eachDeniedCallIsAWarningAndTheWatchCompletes() throws Exception {
    try (LocalBatch local = LocalBatch.start(runs);
        AwsProxy proxy = new AwsProxy(local.emulator.endpoint(), (call, forwarded) -> {
          if (call.equals("/v1/getjobqueuesnapshot")) {
            return AwsProxy.Answer.batchError(403, "AccessDeniedException", "not authorized: GetJobQueueSnapshot");
          }
          if (call.endsWith(".DescribeTasks")) {
            return new AwsProxy.Answer(400, "application/x-amz-json-1.1", null,
                "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized: DescribeTasks\"}", false);
          }
          if (List.of(call.split("&")).contains("Action=DescribeInstances")) {
            return new AwsProxy.Answer(403, "text/xml", null, "<Response><Errors><Error><Code>UnauthorizedOperation"
                + "</Code><Message>not authorized: DescribeInstances</Message></Error></Errors>"
                + "<RequestID>p</RequestID></Response>", false);
          }
          return null;
        });
        AwsClients clients = AwsClients.forEndpoint(proxy.endpoint(), "us-east-1")) {
      SubmitResult submitted = new Submitter(clients, local.store, SubmitOptions.defaults())
          .submit(SubmitRequest.builder().jobs(4).stack(LocalBatch.STACK).build(), SubmitListener.NONE);
      List<String> warnings = new ArrayList<>();
      WatchResult watched = new Watcher(clients, LocalBatch.watchOptions(), local.emulator::now)
          .watch(submitted.run(), new WatchListener() {
            @Override
            public void polled(Sample sample, Duration elapsed, int jobs) {
              local.emulator.advance(LocalBatch.POLL_STEP);
            }

            @Override
            public void warned(String warning) {
              warnings.add(warning);
            }
          });

      assertThat(watched.outcome()).isEqualTo(Outcome.COMPLETED);
      assertThat(warnings).hasSize(3);
      assertThat(warnings.get(0)).startsWith("queue snapshot not read, the head job comes from the run's own jobs: "
          + "access denied: the caller may not use batch:GetJobQueueSnapshot");
      assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("instance launch times (EC2 launchTime) not "
          + "recorded: access denied: the caller may not use ec2:DescribeInstances"));
      assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("container start times (ECS task createdAt, "
          + "pullStartedAt, pullStoppedAt, startedAt) not recorded: access denied: the caller may not use "
          + "ecs:DescribeTasks"));
      assertThat(watched.observations().notRecorded()).hasSize(2);
      assertThat(watched.observations().tasks()).isEmpty();
      assertThat(watched.observations().instances()).isNotEmpty()
          .allSatisfy(i -> assertThat(i.launchTime()).isNull())
          .allSatisfy(i -> assertThat(i.registeredAt()).isNotNull());
      assertThat(watched.samples().stream().map(Sample::waitCause).filter(Objects::nonNull).map(WaitCause::kind))
          .contains(WaitCause.Kind.INSTANCES_BOOTING, WaitCause.Kind.AT_MAX_VCPUS);
      assertThat(watched.summary().waitCauses().line()).startsWith("jobs waited ");
    }
  }
}
