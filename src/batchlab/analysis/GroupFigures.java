package batchlab.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * The figures of one queue or one share of a run (what {@code summary.json}'s {@code groups} holds),
 * computed by {@link GroupSplit}. vCPUs are the job definition's vCPUs times the jobs RUNNING (jobs, when
 * the definition does not state its vCPUs).
 *
 * @param by {@code queue} or {@code share}
 * @param name the queue as the run names it, or the share identifier ({@code -} for jobs without one)
 * @param jobs jobs of this queue or share (array children counted one by one)
 * @param peakRunningVcpus most vCPUs of this group RUNNING at one instant
 * @param meanRunningVcpusContended mean vCPUs of this group RUNNING while every group of the split still had
 *     work (from the last group's first createdAt to the first group's last stoppedAt): the split the
 *     scheduler made under contention; null when the groups never had work at the same time
 * @param runnableWait per job, its first attempt's createdAt to startedAt; null if none started
 * @param firstCreatedAt the group's earliest createdAt
 * @param lastStoppedAt the group's latest stoppedAt; null while any of its jobs has not finished
 * @param makespan firstCreatedAt to lastStoppedAt; null while any of its jobs has not finished
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupFigures(
    String by,
    String name,
    int jobs,
    int peakRunningVcpus,
    Double meanRunningVcpusContended,
    WaitStats runnableWait,
    Instant firstCreatedAt,
    Instant lastStoppedAt,
    @JsonProperty("makespanSeconds") Duration makespan) {

  public static final String BY_QUEUE = "queue";
  public static final String BY_SHARE = "share";
}
