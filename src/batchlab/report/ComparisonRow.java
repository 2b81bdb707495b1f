package batchlab.report;

import batchlab.analysis.Prediction;
import batchlab.analysis.RunSummary;
import batchlab.run.Outcome;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * One line of the comparison table: what one maxvCpus setting did with the jobs, next to what its
 * settings predict.
 *
 * @param maxVcpus the compute environment's maxvCpus
 * @param jobs jobs in the run
 * @param maxRunning most jobs RUNNING at the same instant
 * @param waves rounds of running (see {@link batchlab.analysis.Waves})
 * @param makespan first submit to last stop; null if the run did not finish
 * @param idealMakespan predicted waves x job time (instance start-up not included); null if unknown
 * @param efficiency ideal / observed makespan; null if either is unknown
 * @param peakInstances most container instances seen at one poll
 * @param meanRunnableWait mean of the jobs' waits from submit to RUNNING; null if none started
 * @param predictedConcurrency jobs the settings let run at once; null without a prediction
 * @param predictedWaves waves the settings predict; null without a prediction
 * @param plannedMakespan what {@code plan} predicted for the run's configuration; null when not planned
 * @param costUsd what the run's instances cost (see {@link RunCost}); null when not priced
 * @param bootAndIdleShare the share of the cost spent booting and idle, 0 to 1; null when not priced
 * @param costPerJobUsd each job's share of the cost; null when not priced
 * @param spotPriceAssumed whether the cost uses the assumed spot share
 * @param outcome how the run's watch ended
 * @param verdict short verdict for the table: "as predicted", or what differs
 * @param verdictDetail the watcher's full verdict line
 */
public record ComparisonRow(
    int maxVcpus,
    int jobs,
    int maxRunning,
    int waves,
    @JsonProperty("makespanSeconds") Duration makespan,
    @JsonProperty("idealMakespanSeconds") Duration idealMakespan,
    Double efficiency,
    int peakInstances,
    @JsonProperty("meanRunnableWaitSeconds") Duration meanRunnableWait,
    Integer predictedConcurrency,
    Integer predictedWaves,
    @JsonProperty("plannedMakespanSeconds") Double plannedMakespan,
    Double costUsd,
    Double bootAndIdleShare,
    Double costPerJobUsd,
    boolean spotPriceAssumed,
    Outcome outcome,
    String verdict,
    String verdictDetail) {

  public static final String AS_PREDICTED = "as predicted";

  public static ComparisonRow of(ReportRun run) {
    RunSummary s = run.summary();
    Prediction p = s.prediction() != null && s.prediction().runnable() ? s.prediction() : null;
    RunCost cost = run.cost();
    return new ComparisonRow(
        run.maxVcpus(),
        s.jobs(),
        s.maxRunning(),
        s.waves(),
        s.makespan(),
        p == null ? null : p.idealMakespan(),
        s.efficiency().orElse(null),
        s.peakInstances(),
        s.runnableWait() == null ? null : s.runnableWait().mean(),
        p == null ? null : p.concurrency(),
        p == null ? null : p.waves(),
        run.plannedMakespanSeconds(),
        cost == null ? null : cost.usd(),
        cost == null ? null : cost.bootAndIdleShare(),
        cost == null ? null : cost.usdPerJob(),
        cost != null && cost.spotPriceAssumed(),
        s.outcome(),
        shortVerdict(s, p),
        s.verdict());
  }

  private static String shortVerdict(RunSummary s, Prediction p) {
    if (s.outcome() != Outcome.COMPLETED) {
      return "incomplete (" + (s.outcome() == Outcome.TIMED_OUT ? "timed out" : "interrupted") + ")";
    }
    if (!s.failed().isEmpty()) {
      return s.failed().size() + " of " + s.jobs() + " FAILED";
    }
    if (p == null) {
      return "no prediction";
    }
    if (s.maxRunning() == p.concurrency() && s.waves() == p.waves()) {
      return AS_PREDICTED;
    }
    return "differs: predicted " + p.concurrency() + " at once, " + p.waves() + (p.waves() == 1 ? " wave" : " waves");
  }
}
