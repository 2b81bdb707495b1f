package batchlab.report;

import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run shaped like the article's, built by hand for chart and report tests: {@code jobs} jobs of
 * {@code seconds} seconds submitted one per second, {@code atOnce} running at a time after a boot
 * delay, one instance per running job, polled every 5 s.
 */
record SyntheticRun(List<JobAttempt> attempts, List<Sample> samples, Instant origin, Instant end) {

  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

  static SyntheticRun of(String prefix, int jobs, int atOnce, int seconds, int bootSeconds) {
    List<JobAttempt> attempts = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      Instant created = T0.plusSeconds(i);
      Instant started = T0.plusSeconds(bootSeconds + (long) (i / atOnce) * seconds);
      Instant stopped = started.plusSeconds(seconds);
      attempts.add(new JobAttempt(prefix + "-" + (i + 1), "id-" + prefix + "-" + (i + 1), 1, JobState.SUCCEEDED,
          "Essential container in task exited", 0, created, created, started, stopped, "i-" + (i % atOnce),
          "m7i.large", "log/" + i));
    }
    Instant end = attempts.stream().map(JobAttempt::stoppedAt).max(Instant::compareTo).orElseThrow();
    List<Sample> samples = new ArrayList<>();
    for (Instant t = T0; !t.isAfter(end); t = t.plus(Duration.ofSeconds(5))) {
      Instant now = t;
      int running = (int) attempts.stream().filter(a -> a.runningAt(now)).count();
      int runnable = (int) attempts.stream()
          .filter(a -> !a.createdAt().isAfter(now) && a.startedAt().isAfter(now)).count();
      int succeeded = (int) attempts.stream().filter(a -> !a.stoppedAt().isAfter(now)).count();
      int instances = now.isBefore(T0.plusSeconds(bootSeconds)) ? 0 : Math.min(atOnce, jobs);
      samples.add(new Sample(now, Map.of(JobState.RUNNING, running, JobState.RUNNABLE, runnable,
          JobState.SUCCEEDED, succeeded), instances, instances * 2));
    }
    return new SyntheticRun(attempts, samples, T0, end);
  }
}
