package batchlab.experiment;

import batchlab.aws.AwsClients;
import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import batchlab.local.BatchEmulator;
import batchlab.local.Speed;
import batchlab.local.Timings;
import batchlab.run.RunStore;
import batchlab.run.Sample;
import batchlab.submit.SubmitListener;
import batchlab.submit.SubmitOptions;
import batchlab.submit.SubmitRequest;
import batchlab.submit.SubmitResult;
import batchlab.submit.Submitter;
import batchlab.watch.WatchListener;
import batchlab.watch.WatchOptions;
import batchlab.watch.WatchResult;
import batchlab.watch.Watcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs of the lab's stack on an emulator with a MANUAL clock, submitted and watched with the real
 * Submitter and Watcher through the AWS SDK: each poll moves the clock {@link #POLL_STEP} on, the
 * watch follows scale-in, and the run's files go to a runs directory, as on AWS.
 */
final class TwinRuns {

  static final Duration POLL_STEP = Duration.ofSeconds(5);
  private static final Map<Integer, SynthesizedStack> STACKS = new ConcurrentHashMap<>();

  private TwinRuns() {}

  /** The lab's stack with this maxvCpus (synthesized once per value). */
  static SynthesizedStack stack(int maxVcpus) {
    return STACKS.computeIfAbsent(maxVcpus, v -> StackSynthesizer.synthesize(Map.of("maxVcpus", String.valueOf(v))));
  }

  /** One run of {@code jobs} jobs on a fresh emulator with these timings; its files are saved in {@code runs}. */
  static WatchResult run(int maxVcpus, int jobs, Timings timings, Path runs) {
    SynthesizedStack stack = stack(maxVcpus);
    try (BatchEmulator emulator = BatchEmulator.builder().templateJson(stack.templateJson())
            .stackName(stack.stackName()).workload(LabWorkload.DEFAULT).speed(Speed.MANUAL).timings(timings).seed(3)
            .build().start();
        AwsClients clients = AwsClients.forEndpoint(emulator.endpoint(), emulator.region())) {
      RunStore store = new RunStore(runs);
      SubmitResult submitted = new Submitter(clients, store, SubmitOptions.defaults())
          .submit(SubmitRequest.builder().jobs(jobs).stack(stack.stackName()).build(), SubmitListener.NONE);
      WatchOptions options = new WatchOptions(Duration.ofMillis(1), Duration.ofSeconds(60), false)
          .followingScaleIn(Duration.ofSeconds(60));
      WatchResult watched = new Watcher(clients, options, emulator::now).watch(submitted.run(), new WatchListener() {
        @Override
        public void polled(Sample sample, Duration elapsed, int count) {
          emulator.advance(POLL_STEP);
        }

        @Override
        public void scaleInPolled() {
          emulator.advance(POLL_STEP);
        }

        @Override
        public void followingScaleIn(int instances) {
          emulator.advance(POLL_STEP);
        }
      });
      store.saveResult(watched);
      return watched;
    }
  }
}
