package batchlab.watch;

import batchlab.analysis.GroupSplit;
import batchlab.analysis.RunSummary;
import batchlab.analysis.SummaryMerge;
import batchlab.run.RunLock;
import batchlab.run.RunStore;
import java.util.Optional;

/**
 * Writes a watch's result next to the run's record, under the run's lock, so that a run's results only
 * get better: what the watch saw is merged with what an earlier watch recorded (the rule, per figure, is
 * {@link SummaryMerge}'s), and a watch that saw none of the run's jobs writes nothing at all.
 */
public final class RunResults {

  private RunResults() {}

  /**
   * @return what was written (the merged result), or empty when the watch saw none of the run's jobs and
   *     the run's files were left as they were
   * @throws batchlab.aws.SubmitException when another process is writing the run (see {@link RunLock})
   */
  public static Optional<WatchResult> save(RunStore store, WatchResult seen) {
    if (seen.attempts().isEmpty()) {
      return Optional.empty();
    }
    String runId = seen.run().runId();
    try (RunLock lock = store.lock(runId, "watch")) {
      WatchResult merged = store.loadSummary(runId, RunSummary.class)
          .map(recorded -> {
            SummaryMerge.Merged m = SummaryMerge.merge(recorded, store.loadAttempts(runId), seen.summary(),
                seen.attempts());
            return new WatchResult(seen.run(), m.attempts(), seen.samples(),
                m.summary().withGroups(GroupSplit.of(seen.run(), m.attempts())), seen.observations());
          })
          .orElse(seen);
      store.saveResult(merged);
      return Optional.of(merged);
    }
  }
}
