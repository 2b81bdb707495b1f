package batchlab.watch;

import batchlab.run.JobState;
import batchlab.run.Sample;
import batchlab.util.Durations;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * The watcher's one-line status: elapsed time, jobs per state, instances, desiredvCpus. Jobs the
 * server has not described (yet) are in no state: they show apart as {@code unknown N}, only when there are any.
 */
public final class StatusLine {

  private StatusLine() {}

  public static String format(Sample sample, Duration elapsed, int jobs) {
    StringJoiner states = new StringJoiner("  ");
    for (JobState state : JobState.values()) {
      states.add(state.name() + " " + sample.count(state));
    }
    if (sample.unknown() > 0) {
      states.add("unknown " + sample.unknown());
    }
    return String.format("%8s  %s  | instances %d  desiredvCpus %d  (%d jobs)", Durations.clock(elapsed), states,
        sample.instances(), sample.desiredVcpus(), jobs);
  }

}
