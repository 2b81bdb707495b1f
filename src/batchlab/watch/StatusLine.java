package batchlab.watch;

import batchlab.run.JobState;
import batchlab.run.Sample;
import java.time.Duration;
import java.util.StringJoiner;

/** The watcher's one-line status: elapsed time, jobs per state, instances, desiredvCpus. */
public final class StatusLine {

  private StatusLine() {}

  public static String format(Sample sample, Duration elapsed, int jobs) {
    StringJoiner states = new StringJoiner("  ");
    for (JobState state : JobState.values()) {
      states.add(state.name() + " " + sample.count(state));
    }
    return String.format("%8s  %s  | instances %d  desiredvCpus %d  (%d jobs)", clock(elapsed), states,
        sample.instances(), sample.desiredVcpus(), jobs);
  }

  /** 75 s as 1m15s, 3725 s as 1h02m05s. */
  public static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
    return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
