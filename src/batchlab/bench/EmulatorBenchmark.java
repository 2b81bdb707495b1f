package batchlab.bench;

import batchlab.util.Durations;
import batchlab.experiment.LabWorkload;
import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import batchlab.local.BatchEmulator;
import batchlab.local.Speed;
import batchlab.util.BadInputException;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobStatus;
import software.amazon.awssdk.services.batch.model.JobSummary;

/**
 * {@code bench emulator}: many jobs through one queue of the synthesized stack at {@link Speed#MAX}.
 * Submits every job with SubmitJob from one client (several threads on keep-alive connections):
 * the AWS SDK client, or plain HTTP to measure the emulator without the SDK's signing and
 * marshalling cost. Then lets the schedule run to the end and measures it.
 */
public final class EmulatorBenchmark {

  /** How the jobs are submitted: the AWS SDK (SigV4 signing and all) or plain keep-alive HTTP. */
  public enum Client { SDK, HTTP }

  /** The figures the benchmark prints. */
  public record Result(int jobs, int maxvCpus, Client client, int clientThreads, double submitSeconds,
      double submitsPerSecond,
      double scheduleSeconds, Duration virtualMakespan, int succeeded, long peakHeapMiB, long liveHeapMiB) {

    public String render() {
      return String.format("""
          bench emulator: %,d jobs (2 vCPU x 60 s) through one queue, maxvCpus %,d, speed max
            SubmitJob:  %,d calls from one %s client (%d threads, keep-alive) in %.2f s = %,.0f requests/s (goal > 2,000)
            schedule:   %.2f s wall time from the last submit until all jobs ended (goal < 10 s)
            virtual:    %,d jobs SUCCEEDED, makespan %s on the emulator's clock (first createdAt to last stoppedAt)
            heap:       peak %,d MiB used (all heap pools, whole JVM incl. the client and garbage),
                        %,d MiB live after a full GC with every job still held by the emulator
          """, jobs, maxvCpus, jobs, client, clientThreads, submitSeconds, submitsPerSecond, scheduleSeconds,
          succeeded, Durations.words(virtualMakespan), peakHeapMiB, liveHeapMiB);
    }
  }

  private EmulatorBenchmark() {}

  public static Result run(int jobs, int maxvCpus, Client client, int clientThreads) throws Exception {
    if (jobs < 1 || maxvCpus < 2 || clientThreads < 1) {
      throw new BadInputException("jobs, client threads must be at least 1 and maxvCpus at least 2, got "
          + jobs + ", " + clientThreads + ", " + maxvCpus);
    }
    SynthesizedStack stack = StackSynthesizer.synthesize(Map.of("maxVcpus", String.valueOf(maxvCpus)));
    try (BatchEmulator emulator = BatchEmulator.builder()
        .templateJson(stack.templateJson())
        .stackName(stack.stackName())
        .workload(LabWorkload.DEFAULT)
        .speed(Speed.MAX)
        // Keeps the clock still through short pauses of a loaded machine, so every job is created at
        // the same virtual instant and the schedule runs after the last submit.
        .maxModeQuietPeriod(Duration.ofSeconds(2))
        // No client pacing: a paced clock would spread the minute of submits over a virtual minute;
        // this benchmark measures the schedule of jobs all created at one instant, as before.
        .holdWindow(Duration.ZERO)
        .build().start();
        BatchClient batch = BatchClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.of(emulator.region()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .build()) {
      String queue = emulator.stack().output("JobQueueName").orElseThrow();
      String definition = emulator.stack().output("JobDefinitionName").orElseThrow();
      batch.describeJobQueues(r -> r.jobQueues(queue));
      resetPeakHeap();

      long submitStart = System.nanoTime();
      if (client == Client.SDK) {
        submitAll(clientThreads, jobs, n -> batch.submitJob(r -> r.jobName("bench-" + n).jobQueue(queue)
            .jobDefinition(definition)));
      } else {
        // Apache HttpClient (the project's pinned SDK transport) without the SDK's signing on top.
        String uri = emulator.endpoint() + "/v1/submitjob";
        try (CloseableHttpClient http = HttpClients.custom().setMaxConnTotal(clientThreads)
            .setMaxConnPerRoute(clientThreads).build()) {
          submitAll(clientThreads, jobs, n -> {
            HttpPost post = new HttpPost(uri);
            post.setEntity(new StringEntity("{\"jobName\":\"bench-" + n + "\",\"jobQueue\":\"" + queue
                + "\",\"jobDefinition\":\"" + definition + "\"}", ContentType.APPLICATION_JSON));
            try (CloseableHttpResponse response = http.execute(post)) {
              String body = EntityUtils.toString(response.getEntity());
              if (response.getStatusLine().getStatusCode() != 200) {
                throw new IllegalStateException("SubmitJob failed: " + response.getStatusLine() + " " + body);
              }
            }
          });
        }
      }
      double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
      // Collect the submit phase's garbage first, so the schedule is timed on its own work.
      System.gc();

      long scheduleStart = System.nanoTime();
      if (!emulator.awaitJobsDone(Duration.ofMinutes(10))) {
        throw new IllegalStateException("the schedule did not finish");
      }
      double scheduleSeconds = (System.nanoTime() - scheduleStart) / 1e9;
      long peakHeapMiB = peakHeapBytes() / (1024 * 1024);
      System.gc();
      long liveHeapMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
      Finished finished = finished(batch, queue);
      return new Result(jobs, maxvCpus, client, clientThreads, submitSeconds, jobs / submitSeconds, scheduleSeconds,
          Duration.ofMillis(finished.lastStopped() - finished.firstCreated()), finished.count(), peakHeapMiB,
          liveHeapMiB);
    }
  }

  /** One submission; {@code n} numbers the job. */
  @FunctionalInterface
  private interface Submit {
    void submit(long n) throws Exception;
  }

  private static void submitAll(int threads, int jobs, Submit submit) throws Exception {
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          long i;
          while ((i = next.getAndIncrement()) < jobs) {
            submit.submit(i);
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private record Finished(int count, long firstCreated, long lastStopped) {}

  /** The SUCCEEDED jobs as a client sees them: how many, and their span on the virtual clock. */
  private static Finished finished(BatchClient batch, String queue) {
    int count = 0;
    long firstCreated = Long.MAX_VALUE;
    long lastStopped = Long.MIN_VALUE;
    for (JobSummary job : batch.listJobsPaginator(r -> r.jobQueue(queue).jobStatus(JobStatus.SUCCEEDED)
        .maxResults(100)).jobSummaryList()) {
      count++;
      firstCreated = Math.min(firstCreated, job.createdAt());
      lastStopped = Math.max(lastStopped, job.stoppedAt());
    }
    return new Finished(count, firstCreated, lastStopped);
  }

  private static void resetPeakHeap() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapBytes() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }
}
