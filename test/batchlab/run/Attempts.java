package batchlab.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds attempt timelines for the pure summary tests: times are seconds after T0. */
public final class Attempts {

  public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private Attempts() {}

  public static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  public static JobAttempt succeeded(int n, double created, double started, double stopped, String instance) {
    return new JobAttempt("job-" + n, "id-" + n, 1, JobState.SUCCEEDED, "Essential container in task exited", 0,
        at(created), at(created), at(started), at(stopped), instance, "m7i.large", "log/default/" + n);
  }

  /** {@code jobs} jobs of {@code seconds}, all created at 0, run {@code slots} at a time once started at {@code boot}. */
  public static List<JobAttempt> slotted(int jobs, int slots, double boot, double seconds, double stagger) {
    List<JobAttempt> attempts = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      int wave = i / slots;
      int slot = i % slots;
      double start = boot + wave * seconds + slot * stagger;
      attempts.add(succeeded(i + 1, 0, start, start + seconds, "i-" + slot));
    }
    return attempts;
  }
}
