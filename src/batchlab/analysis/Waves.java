package batchlab.analysis;

import batchlab.run.JobAttempt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts waves: rounds of jobs that ran side by side.
 *
 * <p>Definition: take the attempts that started, in order of startedAt. The first opens wave 1. An
 * attempt opens a new wave when some attempt of the current wave had already stopped by the time it
 * started (stoppedAt &lt;= its startedAt): it is running in a slot that an earlier job of this round
 * gave back. Otherwise it joins the current wave. So 10 jobs two at a time make 5 waves even when
 * the two slots are a few seconds out of step, and 10 jobs that all start before any stops make 1.
 */
public final class Waves {

  private Waves() {}

  public static int count(List<JobAttempt> attempts) {
    List<JobAttempt> started = new ArrayList<>(attempts.stream().filter(a -> a.startedAt() != null).toList());
    started.sort(Comparator.comparing(JobAttempt::startedAt));
    int waves = 0;
    List<JobAttempt> current = new ArrayList<>();
    for (JobAttempt attempt : started) {
      boolean slotReused = current.stream()
          .anyMatch(a -> a.stoppedAt() != null && !a.stoppedAt().isAfter(attempt.startedAt()));
      if (waves == 0 || slotReused) {
        waves++;
        current.clear();
      }
      current.add(attempt);
    }
    return waves;
  }
}
