package batchlab.bench;

import batchlab.aws.AwsClients;
import batchlab.aws.Backoff;
import batchlab.aws.Retry;
import batchlab.aws.StopSignal;
import batchlab.aws.SubmitException;
import batchlab.batch.BatchLimits;
import batchlab.local.BatchEmulator;
import batchlab.local.Faults;
import batchlab.local.Speed;
import batchlab.run.RunStore;
import batchlab.run.Sample;
import batchlab.submit.ExistingJobs;
import batchlab.submit.SubmitListener;
import batchlab.submit.SubmitOptions;
import batchlab.submit.SubmitRequest;
import batchlab.submit.SubmitResult;
import batchlab.submit.Submitter;
import batchlab.watch.WatchListener;
import batchlab.watch.WatchOptions;
import batchlab.watch.WatchResult;
import batchlab.watch.Watcher;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.CEType;
import software.amazon.awssdk.services.batch.model.CRAllocationStrategy;
import software.amazon.awssdk.services.batch.model.CRType;
import software.amazon.awssdk.services.batch.model.JobDefinitionType;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.ResourceType;

/**
 * {@code bench submit}: the submitter against the local emulator, with figures (wall times, API
 * calls per job) printed for the README; performance is measured here, never asserted in tests.
 * Each part gets its own emulator, set up through the Batch API with the article's job (2 vCPU /
 * 1024 MiB, m7i.large, spot, BEST_FIT_PROGRESSIVE).
 *
 * <p>Long because it is a script: each part sets up its emulator, runs and prints its own figures,
 * and splitting the parts into classes would only scatter one table's rows.
 */
public final class SubmitBenchmark {

  private static final String REGION = "us-east-1";
  /** Virtual time between two watcher polls: a watcher polling every 5 s. */
  private static final Duration POLL_STEP = Duration.ofSeconds(5);

  private final PrintWriter out;
  private final Path runs;
  private final Optional<Path> awsCli;

  /** @param awsCli the aws CLI for the comparison, empty to skip it */
  public SubmitBenchmark(PrintWriter out, Path runs, Optional<Path> awsCli) {
    this.out = out;
    this.runs = runs;
    this.awsCli = awsCli;
  }

  /** The aws CLI on the PATH, if any. */
  public static Optional<Path> findAwsCli() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "aws"))
        .filter(Files::isExecutable).findFirst();
  }

  public void run() throws IOException, InterruptedException {
    out.printf(Locale.ROOT, "bench submit: the submitter against the local emulator (loopback, no quota unless stated); "
        + "%d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    tenJobs();
    thousandJobs(false);
    thousandJobs(true);
    thousandJobsAtTheQuota();
    out.flush();
  }

  /** A fresh emulator with the article's queue and job definition, maxvCpus as given. */
  private record Bench(BatchEmulator emulator, AwsClients clients, String queue, String definition)
      implements AutoCloseable {
    static Bench start(int maxVcpus, Faults faults) {
      // A MANUAL clock stands still while jobs are submitted; the watch moves it on after each poll.
      BatchEmulator emulator = BatchEmulator.builder().speed(Speed.MANUAL).faults(faults).build().start();
      AwsClients clients = AwsClients.forEndpoint(emulator.endpoint(), REGION);
      BatchClient batch = clients.batch();
      String ce = batch.createComputeEnvironment(r -> r.computeEnvironmentName("bench-ce").type(CEType.MANAGED)
          .computeResources(c -> c.type(CRType.SPOT).allocationStrategy(CRAllocationStrategy.BEST_FIT_PROGRESSIVE)
              .minvCpus(0).maxvCpus(maxVcpus).instanceTypes("m7i.large").subnets("subnet-bench")
              .securityGroupIds("sg-bench").instanceRole("ecsInstanceRole")))
          .computeEnvironmentArn();
      String queue = batch.createJobQueue(r -> r.jobQueueName("bench-queue").priority(1)
          .computeEnvironmentOrder(o -> o.order(1).computeEnvironment(ce))).jobQueueArn();
      String definition = batch.registerJobDefinition(r -> r.jobDefinitionName("bench-job")
          .type(JobDefinitionType.CONTAINER).parameters(Map.of("seconds", "60"))
          .containerProperties(c -> c.image("python:3.12-slim").command("python", "sleep_example.py", "Ref::seconds")
              .resourceRequirements(q -> q.type(ResourceType.VCPU).value("2"),
                  q -> q.type(ResourceType.MEMORY).value("1024"))))
          .jobDefinitionArn();
      return new Bench(emulator, clients, queue, definition);
    }

    SubmitRequest.Builder request(int jobs, String prefix) {
      return SubmitRequest.builder().jobs(jobs).jobQueue(queue).jobDefinition(definition).namePrefix(prefix);
    }

    @Override
    public void close() {
      clients.close();
      emulator.close();
    }
  }

  private void tenJobs() throws IOException, InterruptedException {
    try (Bench bench = Bench.start(4, Faults.NONE)) {
      RunStore store = new RunStore(runs);
      List<Long> warm = new ArrayList<>();
      long cold = 0;
      long coldFanOut = 0;
      for (int round = 0; round < 6; round++) {
        long start = System.nanoTime();
        SubmitResult result = new Submitter(bench.clients(), store, SubmitOptions.defaults())
            .submit(bench.request(10, "ten-" + round).build(), SubmitListener.NONE);
        long took = System.nanoTime() - start;
        if (round == 0) {
          cold = took;
          coldFanOut = result.elapsed().toNanos();
        } else {
          warm.add(took);
        }
      }
      warm.sort(Comparator.naturalOrder());
      long median = warm.get(warm.size() / 2);
      out.printf(Locale.ROOT, "  10 jobs, submitter, first in this JVM:  %7.3f s (fan-out alone %.3f s)%n",
          cold / 1e9, coldFanOut / 1e9);
      out.printf(Locale.ROOT, "  10 jobs, submitter, warm (median of 5): %7.3f s   goal < 0.5 s: %s%n",
          median / 1e9, median < 500_000_000L ? "met" : "NOT met");
      if (awsCli.isEmpty()) {
        out.println("  10 jobs, aws batch submit-job loop:     skipped (no aws CLI on the PATH)");
        return;
      }
      long loop = awsCliLoop(bench);
      out.printf(Locale.ROOT, "  10 jobs, aws batch submit-job loop:     %7.3f s   (%.0fx the submitter's warm time)%n",
          loop / 1e9, (double) loop / median);
    }
  }

  /** The article's method: one aws CLI process per job. Dummy credentials go to the child processes only. */
  private long awsCliLoop(Bench bench) throws IOException, InterruptedException {
    long start = System.nanoTime();
    for (int i = 1; i <= 10; i++) {
      ProcessBuilder process = new ProcessBuilder(awsCli.get().toString(), "batch", "submit-job",
          "--endpoint-url", bench.emulator().endpoint().toString(), "--region", REGION,
          "--job-name", "aws-cli-" + i, "--job-queue", bench.queue(), "--job-definition", bench.definition())
          .redirectErrorStream(true);
      process.environment().put("AWS_ACCESS_KEY_ID", "batch-lab-bench");
      process.environment().put("AWS_SECRET_ACCESS_KEY", "batch-lab-bench");
      Process started = process.start();
      String output = new String(started.getInputStream().readAllBytes());
      if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
        throw new SubmitException("aws batch submit-job failed: " + output.strip());
      }
    }
    return System.nanoTime() - start;
  }

  private void thousandJobs(boolean array) {
    int jobs = 1000;
    if (!array) {
      // The first large fan-out in a JVM pays for class loading and JIT compilation: shown apart.
      try (Bench warmUp = Bench.start(400, Faults.NONE)) {
        long start = System.nanoTime();
        new Submitter(warmUp.clients(), new RunStore(runs), SubmitOptions.defaults())
            .submit(warmUp.request(jobs, "warm-up").build(), SubmitListener.NONE);
        out.printf(Locale.ROOT, "  %-39s %7.3f s%n", "1,000 jobs individually, first in JVM:", (System.nanoTime() - start) / 1e9);
      }
    }
    try (Bench bench = Bench.start(400, Faults.NONE)) {
      long cpuBefore = processCpuNanos();
      long start = System.nanoTime();
      SubmitResult result = new Submitter(bench.clients(), new RunStore(runs), SubmitOptions.defaults())
          .submit(bench.request(jobs, array ? "array" : "single").array(array).build(), SubmitListener.NONE);
      long took = System.nanoTime() - start;
      long cpu = processCpuNanos() - cpuBefore;
      long submitCalls = bench.clients().calls().total();
      long submitJobCalls = bench.clients().calls().count("SubmitJob");
      bench.clients().calls().reset();

      List<Long> describePerPoll = new ArrayList<>();
      WatchListener perPoll = new WatchListener() {
        long seen;

        @Override
        public void polled(Sample sample, Duration elapsed, int watched) {
          long now = bench.clients().calls().count("DescribeJobs");
          describePerPoll.add(now - seen);
          seen = now;
          bench.emulator().advance(POLL_STEP);
        }
      };
      WatchResult watched = new Watcher(bench.clients(), new WatchOptions(Duration.ofMillis(1), Duration.ofMinutes(5),
          false), bench.emulator()::now).watch(result.run(), perPoll);
      long watchCalls = bench.clients().calls().total();
      long describeTotal = bench.clients().calls().count("DescribeJobs");
      long maxPerPoll = describePerPoll.stream().mapToLong(Long::longValue).max().orElse(0);
      long afterPolls = describeTotal - describePerPoll.stream().mapToLong(Long::longValue).sum();

      out.printf(Locale.ROOT, "  %-39s %7.3f s (%.0f jobs/s, CPU %.2f ms per job client and emulator together)"
              + "   goal < 3 s: %s%n",
          array ? "1,000 jobs as one array job:" : "1,000 jobs individually, warm:", took / 1e9, jobs / (took / 1e9),
          cpu / 1e6 / jobs, took < 3_000_000_000L ? "met" : "NOT met");
      out.printf(Locale.ROOT, "      submit: %d SubmitJob %s, %d API calls in all = %.3f calls per job%n",
          submitJobCalls, submitJobCalls == 1 ? "call" : "calls", submitCalls, (double) submitCalls / jobs);
      out.printf(Locale.ROOT, "      watch:  %d polls (one per 5 virtual s), %d API calls = %.3f calls per job; "
              + "DescribeJobs per poll at most %d (ceil(N/100) = %d)%s; %s, %d at once in %d waves%n",
          describePerPoll.size(), watchCalls, (double) watchCalls / jobs, maxPerPoll, (jobs + 99) / 100,
          afterPolls > 0 ? ", then " + afterPolls + " once for the children's timeline" : "",
          watched.outcome(), watched.summary().maxRunning(), watched.summary().waves());
    }
  }

  private void thousandJobsAtTheQuota() {
    int jobs = 1000;
    try (Bench bench = Bench.start(400, Faults.NONE.withSubmitTps(50))) {
      long start = System.nanoTime();
      String error = null;
      SubmitResult result = null;
      try {
        result = new Submitter(bench.clients(), new RunStore(runs),
            SubmitOptions.defaults().withRate((double) BatchLimits.SUBMIT_JOB_TPS))
            .submit(bench.request(jobs, "quota").build(), SubmitListener.NONE);
      } catch (SubmitException e) {
        error = e.getMessage();
      }
      long took = System.nanoTime() - start;
      Map<String, Long> onServer = countByName(bench, "quota-");
      long duplicates = onServer.values().stream().filter(n -> n > 1).count();
      out.printf(Locale.ROOT, "  1,000 jobs individually, emulator quota 50 SubmitJob/s, --rate 50: %.1f s; "
              + "%d of %d names on the server, %d duplicated, %d throttled calls retried; %s%n",
          took / 1e9, onServer.size(), jobs, duplicates, result == null ? 0 : result.stats().throttled(),
          error == null ? "no error" : "ERROR: " + error);
    }
  }

  private static Map<String, Long> countByName(Bench bench, String prefix) {
    Retry retry = new Retry(Backoff.DEFAULT, new StopSignal(), bench.emulator().endpoint().toString());
    return ExistingJobs.named(bench.clients().batch(), bench.queue(), prefix + "*", retry).stream()
        .collect(Collectors.groupingBy(JobSummary::jobName, Collectors.counting()));
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  /** Deletes the bench's run records. */
  public static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
