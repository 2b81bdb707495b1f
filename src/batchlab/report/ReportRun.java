package batchlab.report;

import batchlab.analysis.CalibrationResult;
import batchlab.analysis.RunSummary;
import batchlab.analysis.TwinComparison;
import batchlab.run.JobAttempt;
import batchlab.run.Sample;
import batchlab.watch.WatchResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One run of the experiment as the report shows it: the compute environment's maxvCpus and what
 * the watch produced.
 *
 * @param number 1 for the first run of the experiment, 2 for the second, ...
 * @param maxVcpus the compute environment's maxvCpus during the run
 * @param watch the run's attempts, samples and summary
 * @param swapMethod how maxvCpus was applied before the run ("UpdateStack", "npx cdk deploy", ...); null if not told
 * @param swapEvents the stack update's events, oldest first; empty when none ran
 * @param calibration the delays fitted from this run (aws target); null when not calibrated
 * @param twin the run replayed on the emulator, per set of timings (aws target); empty when not replayed
 * @param plannedMakespanSeconds what {@code plan} predicted for this run's configuration; null when not planned
 * @param cost what the run's instances cost by the cost model; null when not priced
 */
public record ReportRun(int number, int maxVcpus, WatchResult watch, String swapMethod, List<String> swapEvents,
    CalibrationResult calibration, List<TwinComparison> twin, Double plannedMakespanSeconds, RunCost cost) {

  public ReportRun {
    Objects.requireNonNull(watch, "watch");
    swapEvents = List.copyOf(swapEvents);
    twin = twin == null ? List.of() : List.copyOf(twin);
  }

  /** A run without a record of how its maxvCpus was applied. */
  public ReportRun(int number, int maxVcpus, WatchResult watch) {
    this(number, maxVcpus, watch, null, List.of());
  }

  public ReportRun(int number, int maxVcpus, WatchResult watch, String swapMethod, List<String> swapEvents) {
    this(number, maxVcpus, watch, swapMethod, swapEvents, null, List.of(), null, null);
  }

  /** The same run with its calibration and twin replays. */
  public ReportRun withTwin(CalibrationResult fitted, List<TwinComparison> replays) {
    return new ReportRun(number, maxVcpus, watch, swapMethod, swapEvents, fitted, replays, plannedMakespanSeconds,
        cost);
  }

  /** The same run with what the plan predicted for it and what it cost. */
  public ReportRun withPlanAndCost(Double plannedMakespan, RunCost runCost) {
    return new ReportRun(number, maxVcpus, watch, swapMethod, swapEvents, calibration, twin, plannedMakespan, runCost);
  }

  /** The "twin vs this run" lines: the fitted delays, then one line per replay; empty when not replayed. */
  public List<String> twinLines() {
    List<String> lines = new ArrayList<>();
    if (calibration != null) {
      calibration.figures().forEach(f -> lines.add("fitted " + f.line().replaceAll("\\s{2,}", " ")));
    }
    twin.forEach(t -> lines.add("replayed with " + t.line()));
    return lines;
  }

  public RunSummary summary() {
    return watch.summary();
  }

  /** Prefix of this run's files: {@code run1-max4}. */
  public String fileStem() {
    return "run" + number + "-max" + maxVcpus;
  }

  /** Time zero of the charts: the first job's createdAt, else when the run was recorded. */
  public Instant origin() {
    Instant first = summary().firstCreatedAt();
    return first != null ? first : watch.run().createdAt();
  }

  /** The last moment the run was observed: its last poll or last stop, whichever is later. */
  public Instant end() {
    Stream<Instant> polls = watch.samples().stream().map(Sample::time);
    Stream<Instant> stops = watch.attempts().stream().map(JobAttempt::stoppedAt).filter(Objects::nonNull);
    Instant origin = origin();
    return Stream.concat(polls, stops).max(Comparator.naturalOrder()).filter(t -> t.isAfter(origin))
        .orElse(origin.plusSeconds(1));
  }
}
