package batchlab.submit;

import batchlab.aws.AwsClients;
import batchlab.aws.Backoff;
import batchlab.aws.Retry;
import batchlab.aws.StopSignal;
import batchlab.experiment.LabWorkload;
import batchlab.local.BatchEmulator;
import batchlab.local.Faults;
import batchlab.local.Speed;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.run.Sample;
import batchlab.watch.WatchListener;
import batchlab.watch.WatchOptions;
import batchlab.watch.WatchResult;
import batchlab.watch.Watcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.batch.model.JobSummary;

/**
 * The local emulator loaded with the article's stack (maxvCpus 4, m7i.large, 2 vCPU / 1024 MiB x
 * 60 s jobs), named like the CDK stack (BatchLab), and SDK clients built the way the CLI builds them.
 *
 * <p>The emulator's clock is MANUAL: it stands still while jobs are submitted (as if the fan-out
 * took no time) and each watcher poll moves it {@link #POLL_STEP} on, so a test sees the same
 * timeline however loaded the machine is, and a whole run takes milliseconds.
 */
public final class LocalBatch implements AutoCloseable {

  public static final String STACK = "BatchLab";
  /** Virtual time between two polls, as a watcher polling every 5 s would see AWS. */
  static final Duration POLL_STEP = Duration.ofSeconds(5);

  public final BatchEmulator emulator;
  public final AwsClients clients;
  public final RunStore store;

  private LocalBatch(BatchEmulator emulator, Path runs) {
    this.emulator = emulator;
    this.clients = AwsClients.forEndpoint(emulator.endpoint(), "us-east-1");
    this.store = new RunStore(runs);
  }

  public static LocalBatch start(Path runs) {
    return start(runs, Faults.NONE);
  }

  public static LocalBatch start(Path runs, Faults faults) {
    return new LocalBatch(BatchEmulator.builder().templateJson(articleTemplate()).stackName(STACK).workload(LabWorkload.DEFAULT)
        .speed(Speed.MANUAL).seed(7).faults(faults).build().start(), runs);
  }

  /**
   * An emulator with ids from the seed alone (the same ids in the same order as {@link #startReproducible}) and
   * its clock starting at {@code clockStart}.
   */
  public static LocalBatch startAt(Path runs, java.time.Instant clockStart) {
    return new LocalBatch(BatchEmulator.builder().templateJson(articleTemplate()).stackName(STACK).workload(LabWorkload.DEFAULT)
        .speed(Speed.MANUAL).seed(7).reproducibleIds().startTime(clockStart).build().start(), runs);
  }

  /** Ids from the seed alone: a second one started like it hands out the same ids, as an emulator restarted before ids were unique. */
  public static LocalBatch startReproducible(Path runs) {
    return new LocalBatch(BatchEmulator.builder().templateJson(articleTemplate()).stackName(STACK).workload(LabWorkload.DEFAULT)
        .speed(Speed.MANUAL).seed(7).reproducibleIds().build().start(), runs);
  }

  /** {@link #startRunningByItself} with ids from the seed alone (see {@link #startReproducible}). */
  public static LocalBatch startRunningByItselfReproducible(Path runs) {
    return new LocalBatch(BatchEmulator.builder().templateJson(articleTemplate()).stackName(STACK).workload(LabWorkload.DEFAULT)
        .speed(Speed.MAX).maxModeQuietPeriod(Duration.ofMillis(100)).seed(7).reproducibleIds().build().start(), runs);
  }

  /**
   * An emulator whose clock runs by itself, for the CLI (which cannot step a clock): MAX speed jumps
   * from event to event whenever the API has been quiet for 100 ms.
   */
  public static LocalBatch startRunningByItself(Path runs) {
    return new LocalBatch(BatchEmulator.builder().templateJson(articleTemplate()).stackName(STACK).workload(LabWorkload.DEFAULT)
        .speed(Speed.MAX).maxModeQuietPeriod(Duration.ofMillis(100)).seed(7).build().start(), runs);
  }

  /**
   * An emulator at the article's default speed (60x) whose real time is {@code realTime}: a client's
   * calls are paced by the hold window, and the test moves time without sleeping.
   */
  public static LocalBatch startPaced(Path runs, java.util.function.LongSupplier realTime) {
    return new LocalBatch(BatchEmulator.builder().templateJson(articleTemplate()).stackName(STACK)
        .workload(LabWorkload.DEFAULT).speed(Speed.of(60)).realTime(realTime).seed(7).build().start(), runs);
  }

  static String articleTemplate() {
    try (InputStream in = LocalBatch.class.getResourceAsStream("/batchlab/local/article-stack.template.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String output(String key) {
    return emulator.stack().output(key).orElseThrow();
  }

  Submitter submitter() {
    return new Submitter(clients, store, SubmitOptions.defaults());
  }

  static WatchOptions watchOptions() {
    return new WatchOptions(Duration.ofMillis(1), Duration.ofSeconds(60), false);
  }

  WatchResult watch(RunRecord run) {
    return watcher().watch(run, clockDriver());
  }

  Watcher watcher() {
    return new Watcher(clients, watchOptions(), emulator::now);
  }

  /** Moves the emulator's clock one step after each poll. */
  WatchListener clockDriver() {
    return new WatchListener() {
      @Override
      public void polled(Sample sample, Duration elapsed, int jobs) {
        emulator.advance(POLL_STEP);
      }
    };
  }

  /** Every job on the server whose name starts with {@code prefix}, name to ids (more than one = a duplicate). */
  public Map<String, List<String>> jobsByName(String prefix) {
    Retry retry = new Retry(new Backoff(Duration.ZERO, Duration.ofMillis(5), 50), new StopSignal(), "test");
    return ExistingJobs.named(clients.batch(), output("JobQueueArn"), prefix + "*", retry).stream()
        .collect(Collectors.groupingBy(JobSummary::jobName, Collectors.mapping(JobSummary::jobId, Collectors.toList())));
  }

  /** Lets the idle instances scale in, as when the article came back to the console later. */
  void comeBackLater() {
    emulator.advance(Duration.ofMinutes(30));
  }

  /** The endpoint as the CLI's --endpoint-url takes it. */
  public String endpoint() {
    return emulator.endpoint().toString();
  }

  @Override
  public void close() {
    clients.close();
    emulator.close();
  }
}
