package batchlab.analysis;

import batchlab.run.JobState;
import batchlab.run.Outcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one watched run (what {@code summary.json} holds), computed by {@link
 * SummaryCalculator} from the attempts and samples.
 *
 * @param runId the run
 * @param outcome how the watch ended
 * @param jobs jobs in the run (array children counted one by one)
 * @param byStatus jobs per state at the end (final states when the outcome is COMPLETED)
 * @param maxRunning most attempts RUNNING at the same instant, from the attempts' start/stop times
 * @param waves rounds of running, see {@link Waves}
 * @param firstCreatedAt the earliest job createdAt; null when no job was seen
 * @param lastStoppedAt the latest stoppedAt; null while any job has not finished
 * @param makespan firstCreatedAt to lastStoppedAt; null while any job has not finished
 * @param runnableWait per job, its first attempt's wait from createdAt to startedAt; null if none started
 * @param peakInstances most container instances seen registered at one poll
 * @param peakDesiredVcpus highest desiredvCpus seen at one poll
 * @param instancesUsed distinct instances the attempts ran on
 * @param prediction what the compute environment's settings predict; null when it cannot be computed
 * @param verdict one plain line comparing observed with predicted
 * @param failed the jobs that ended FAILED
 * @param waitCauses why the jobs waited, over time and per job on average; null when no poll saw a wait
 * @param groups the figures by queue and by share ({@link GroupSplit}); empty (and left out of the JSON) for a
 *     run to one queue without shares
 * @param waitCausesByQueue for a run over several queues, why each queue's jobs waited ({@link WaitsByQueue});
 *     empty (and left out of the JSON) for a run to one queue
 */
public record RunSummary(
    String runId,
    Outcome outcome,
    int jobs,
    Map<JobState, Integer> byStatus,
    int maxRunning,
    int waves,
    Instant firstCreatedAt,
    Instant lastStoppedAt,
    @JsonProperty("makespanSeconds") Duration makespan,
    WaitStats runnableWait,
    int peakInstances,
    int peakDesiredVcpus,
    int instancesUsed,
    Prediction prediction,
    String verdict,
    List<FailedJob> failed,
    WaitBreakdown waitCauses,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GroupFigures> groups,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WaitBreakdown> waitCausesByQueue) {

  public RunSummary {
    byStatus = JobState.completeCounts(byStatus);
    failed = List.copyOf(failed);
    groups = groups == null ? List.of() : List.copyOf(groups);
    waitCausesByQueue = waitCausesByQueue == null ? List.of() : List.copyOf(waitCausesByQueue);
  }

  /** A summary without a split by queue or share. */
  public RunSummary(String runId, Outcome outcome, int jobs, Map<JobState, Integer> byStatus, int maxRunning,
      int waves, Instant firstCreatedAt, Instant lastStoppedAt, Duration makespan, WaitStats runnableWait,
      int peakInstances, int peakDesiredVcpus, int instancesUsed, Prediction prediction, String verdict,
      List<FailedJob> failed, WaitBreakdown waitCauses) {
    this(runId, outcome, jobs, byStatus, maxRunning, waves, firstCreatedAt, lastStoppedAt, makespan, runnableWait,
        peakInstances, peakDesiredVcpus, instancesUsed, prediction, verdict, failed, waitCauses, List.of(), List.of());
  }

  /** The same summary with this split by queue and share. */
  public RunSummary withGroups(List<GroupFigures> split) {
    return new RunSummary(runId, outcome, jobs, byStatus, maxRunning, waves, firstCreatedAt, lastStoppedAt, makespan,
        runnableWait, peakInstances, peakDesiredVcpus, instancesUsed, prediction, verdict, failed, waitCauses, split,
        waitCausesByQueue);
  }

  /** The same summary with these waits: the whole run's and, for a run over several queues, each queue's. */
  public RunSummary withWaitCauses(WaitBreakdown all, List<WaitBreakdown> byQueue) {
    return new RunSummary(runId, outcome, jobs, byStatus, maxRunning, waves, firstCreatedAt, lastStoppedAt, makespan,
        runnableWait, peakInstances, peakDesiredVcpus, instancesUsed, prediction, verdict, failed, all, groups,
        byQueue);
  }

  /** The same summary with the waits of a run over several queues split by queue (no change without a split). */
  public RunSummary withWaitCauses(Optional<WaitsByQueue> split) {
    return split.map(w -> withWaitCauses(w.all(), w.byQueue())).orElse(this);
  }

  public int count(JobState state) {
    return byStatus.get(state);
  }

  /** Ideal makespan / observed makespan (1.0 = as fast as the settings allow); empty if either is unknown. */
  public Optional<Double> efficiency() {
    if (makespan == null || prediction == null || prediction.idealMakespan() == null || makespan.isZero()) {
      return Optional.empty();
    }
    return Optional.of(prediction.idealMakespan().toMillis() / (double) makespan.toMillis());
  }
}
