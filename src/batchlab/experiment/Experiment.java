package batchlab.experiment;

import batchlab.analysis.Calibration;
import batchlab.analysis.CalibrationResult;
import batchlab.analysis.TwinComparison;
import batchlab.aws.StopSignal;
import batchlab.infra.StackSynthesizer;
import batchlab.infra.SynthesizedStack;
import batchlab.local.Timings;
import batchlab.plan.ConfigurationResult;
import batchlab.plan.Prices;
import batchlab.infra.StackSettings;
import batchlab.report.ReportContent;
import batchlab.report.ReportFiles;
import batchlab.report.ReportRun;
import batchlab.report.ReportWriter;
import batchlab.run.Outcome;
import batchlab.run.RunStore;
import batchlab.batch.LabContract;
import batchlab.run.JobGroup;
import batchlab.run.RunRecord;
import batchlab.submit.JobMix;
import batchlab.submit.SubmitOptions;
import batchlab.submit.SubmitRequest;
import batchlab.submit.SubmitResult;
import batchlab.submit.Submitter;
import batchlab.watch.WatchOptions;
import batchlab.watch.WatchResult;
import batchlab.watch.Watcher;
import batchlab.util.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The article's procedure as one call: for each maxvCpus value, give the compute environment that
 * value, fan out the jobs and watch them with the same Submitter and Watcher as {@code submit} and
 * {@code watch}, then write the report. The report is written in every case: after the last run, or
 * as a partial report after a stop request (Ctrl-C), the time limit, or a failure. The experiment
 * owns its target: {@link #run} closes it at the end.
 */
public final class Experiment {

  static final String INTERRUPTED = "interrupted";
  /** Where each run's own record, summary.json and timeline.csv go, inside the report directory. */
  static final String RUNS_DIR = "runs";

  private final ExperimentSettings settings;
  private final ExperimentTarget target;
  private final ExperimentListener listener;
  private final ExperimentPlan plan;
  private final StopSignal stop = new StopSignal();
  private volatile Submitter submitter;
  private volatile Watcher watcher;
  private volatile ScenarioCheck.Verdict verdict;

  /** An experiment priced with the list prices and the assumed spot share (the local target's). */
  public Experiment(ExperimentSettings settings, ExperimentTarget target, ExperimentListener listener) {
    this(settings, target, listener, ExperimentPlan.of(settings, Prices.listPrices()));
  }

  /** An experiment whose runs are put beside {@code plan}'s predictions and priced with its prices. */
  public Experiment(ExperimentSettings settings, ExperimentTarget target, ExperimentListener listener,
      ExperimentPlan plan) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.target = Objects.requireNonNull(target, "target");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.plan = Objects.requireNonNull(plan, "plan");
  }

  /** Stops the experiment (Ctrl-C): the current fan-out or watch ends, no further run starts. */
  public void requestStop() {
    stop.requestStop();
    Submitter s = submitter;
    if (s != null) {
      s.requestStop();
    }
    Watcher w = watcher;
    if (w != null) {
      w.requestStop();
    }
  }

  /**
   * Runs every maxvCpus value, writes the report, then releases the target (stops the emulator; on
   * AWS with --destroy, destroys the stack), in that order and whatever happened before.
   *
   * @throws ExperimentException or a submitter exception when a run failed, after the partial report
   *     was written and the target released
   */
  public ExperimentResult run() throws InterruptedException {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Long deadline = settings.timeout() == null ? null : start + settings.timeout().toNanos();
    RunStore store = new RunStore(settings.outDir().resolve(RUNS_DIR));
    List<ReportRun> runs = new ArrayList<>();
    String partialReason = null;
    Exception failure = null;
    ExperimentResult result;
    try {
      partialReason = runAll(store, runs, deadline);
    } catch (InterruptedException e) {
      partialReason = INTERRUPTED;
      failure = e;
      throw e;
    } catch (RuntimeException e) {
      // An interrupt that lands inside an SDK call surfaces as a failed call, not as a clean stop.
      partialReason = (causedByInterrupt(e) ? INTERRUPTED + ": " : "stopped by an error: ") + Text.firstLine(e);
      failure = e;
      throw e;
    } finally {
      try {
        ReportContent content = new ReportContent(target.description(), reportSettings(), startedAt,
            Duration.ofNanos(System.nanoTime() - start), partialReason, runs);
        ReportFiles files = withInterruptCleared(() -> ReportWriter.write(content, settings.outDir()));
        result = new ExperimentResult(content, files, verdict);
      } finally {
        release(failure);
      }
    }
    return result;
  }

  /** Closes the target; its failure (e.g. a failed destroy) is thrown, or attached to an earlier one. */
  private void release(Exception earlier) {
    try {
      target.close();
    } catch (RuntimeException e) {
      if (earlier == null) {
        throw e;
      }
      earlier.addSuppressed(e);
    }
  }

  /**
   * Runs {@code write} with the thread's interrupt flag cleared, and sets it again afterwards: an
   * interrupted thread cannot write through NIO channels (ClosedByInterruptException), and the
   * report must be written precisely when the run was interrupted.
   */
  private static <T> T withInterruptCleared(Supplier<T> write) {
    boolean interrupted = Thread.interrupted();
    try {
      return write.get();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs the values in order; returns why it stopped early, or null when every run completed. */
  private String runAll(RunStore store, List<ReportRun> runs, Long deadline) throws InterruptedException {
    if (settings.scenario() != Scenario.ARTICLE) {
      return runScenario(store, runs, deadline);
    }
    Set<String> prefixes = new HashSet<>();
    List<Integer> values = settings.maxVcpus();
    for (int i = 0; i < values.size(); i++) {
      int maxVcpus = values.get(i);
      String early = stopReason(deadline);
      if (early != null) {
        return early;
      }
      listener.runStarting(i + 1, maxVcpus, settings.jobs());
      Swap swap = target.applyMaxVcpus(maxVcpus);
      if (!swap.events().isEmpty()) {
        listener.info("max vCPU " + maxVcpus + " applied with " + swap.method() + ": "
            + swap.events().get(swap.events().size() - 1).trim());
      }
      if (i > 0) {
        awaitScaleIn(runs.get(i - 1), deadline);
        early = stopReason(deadline);
        if (early != null) {
          return early;
        }
      }
      // Job names say the run's size (max4-job-1); a size tried twice gets the run number too.
      String prefix = (prefixes.add("max" + maxVcpus) ? "" : "run" + (i + 1) + "-") + "max" + maxVcpus + "-job";
      WatchResult watched = submitAndWatch(store, s -> s.submit(request(prefix).jobs(settings.jobs()).build(),
          listener.submitListener()), deadline);
      ReportRun run = new ReportRun(i + 1, maxVcpus, watched, swap.method(), swap.events())
          .withPlanAndCost(plan.predicted(maxVcpus).map(ConfigurationResult::makespan).orElse(null),
              ObservedCost.of(watched, settings.stackSettings(maxVcpus).spot(), plan.prices()).orElse(null));
      if (settings.target() == Target.AWS && watched.outcome() == Outcome.COMPLETED) {
        run = withTwin(run);
      }
      runs.add(run);
      listener.runFinished(run);
      if (watched.outcome() == Outcome.INTERRUPTED) {
        return INTERRUPTED + " during run " + (i + 1) + " (max vCPU " + maxVcpus + ")";
      }
      if (watched.outcome() == Outcome.TIMED_OUT) {
        return timedOut() + " during run " + (i + 1) + " (max vCPU " + maxVcpus + ")";
      }
    }
    return null;
  }

  /** How a run's jobs are submitted, given the experiment's submitter. */
  private interface Fanning {
    SubmitResult submit(Submitter submitter) throws InterruptedException;
  }

  private SubmitRequest.Builder request(String prefix) {
    return SubmitRequest.builder().stack(target.stackName()).seconds(settings.jobSeconds()).namePrefix(prefix);
  }

  /**
   * A scenario: one run on the scenario's stack, its expectation said first and checked at the end
   * (the verdict goes to the terminal, the report's settings and the result).
   */
  private String runScenario(RunStore store, List<ReportRun> runs, Long deadline) throws InterruptedException {
    Scenario scenario = settings.scenario();
    int maxVcpus = settings.maxVcpus().get(0);
    int perGroup = settings.jobs();
    listener.info("scenario " + scenario.cliName() + ": expected: "
        + ScenarioCheck.expected(scenario, perGroup, lateShareBound()));
    listener.runStarting(1, maxVcpus, 2 * perGroup);
    Swap swap = target.applyMaxVcpus(maxVcpus);
    String prefix = scenario.cliName() + "-job";
    Fanning fanning = scenario == Scenario.PRIORITY
        ? s -> submitThenLater(s, store, request(prefix).jobs(perGroup).mix(List.of(new JobMix.Entry(null, null,
            perGroup))).build(), Scenario.HIGH_DELAY,
            first -> new JobGroup(stackOutput(LabContract.jobQueueArnOutput(Scenario.HIGH_QUEUE)),
                Scenario.HIGH_QUEUE, null, null, perGroup))
        : s -> s.submit(sharesRequest(prefix, perGroup), listener.submitListener());
    String early = scenarioRun(store, runs, 1, maxVcpus, swap, fanning, deadline);
    if (early != null) {
      return early;
    }
    ScenarioCheck.Verdict first = ScenarioCheck.check(scenario, runs.get(0).watch().run(),
        runs.get(0).watch().attempts());
    if (scenario.phaseTwoContext().isEmpty()) {
      verdict = first;
      listener.info("scenario " + scenario.cliName() + ": " + verdict.line());
      return null;
    }
    // Phase two: the reservation set by a stack update, the two shares again, and a late third share. The
    // verdict is both phases': until the second is checked there is none (a failed update, a stop).
    awaitScaleIn(runs.get(0), deadline);
    listener.runStarting(2, maxVcpus, 2 * perGroup + Scenario.LATE_JOBS);
    Swap reserved = target.applyStack(maxVcpus, scenario.phaseTwoContext());
    if (!reserved.events().isEmpty()) {
      listener.info(String.join(" ", scenario.phaseTwoContext().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()) + " applied with " + reserved.method() + ": "
          + reserved.events().get(reserved.events().size() - 1).trim());
    }
    String reservedPrefix = scenario.cliName() + "-reserved-job";
    early = scenarioRun(store, runs, 2, maxVcpus, reserved, s -> submitThenLater(s, store,
        sharesRequest(reservedPrefix, perGroup), Duration.ofSeconds(settings.jobSeconds()),
        before -> new JobGroup(before.groups().get(0).jobQueue(), before.groups().get(0).queue(),
            Scenario.LATE_SHARE, null, Scenario.LATE_JOBS)), deadline);
    if (early != null) {
      return early;
    }
    verdict = first.then(ScenarioCheck.lateShare(runs.get(1).watch().run(), runs.get(1).watch().attempts(),
        lateShareBound()));
    listener.info("scenario " + scenario.cliName() + ": " + verdict.line());
    return null;
  }

  /** The bound of the fair-share scenario's "promptly", from the timings the runs are measured against. */
  private Duration lateShareBound() {
    return ScenarioCheck.lateShareBound(settings.timings().instanceBoot(), settings.timings().jobStart(),
        settings.jobSeconds());
  }

  /** The fair-share scenario's jobs: {@code perShare} for each of its shares, submitted together. */
  private SubmitRequest sharesRequest(String prefix, int perShare) {
    return request(prefix).jobs(Scenario.SHARES.size() * perShare).mix(Scenario.SHARES.stream()
        .map(share -> new JobMix.Entry(null, share, perShare)).toList()).build();
  }

  /** One scenario run, watched and added to {@code runs}; returns why it stopped early, or null. */
  private String scenarioRun(RunStore store, List<ReportRun> runs, int number, int maxVcpus, Swap swap,
      Fanning fanning, Long deadline) throws InterruptedException {
    String name = settings.scenario().cliName();
    WatchResult watched = submitAndWatch(store, fanning, deadline);
    ReportRun run = new ReportRun(number, maxVcpus, watched, swap.method(), swap.events());
    runs.add(run);
    listener.runFinished(run);
    if (watched.outcome() == Outcome.INTERRUPTED) {
      return INTERRUPTED + " during the " + name + " scenario";
    }
    if (watched.outcome() == Outcome.TIMED_OUT) {
      return timedOut() + " during the " + name + " scenario";
    }
    return null;
  }

  /**
   * A fan-out in two steps, as one run: {@code first}, then, {@code delay} later on the server's clock,
   * the group {@code later} makes from the first record; the record is extended by that group and
   * resumed, so the run's split by queue or share covers both (priority: the high queue's jobs; fair
   * share's second phase: the late share's).
   */
  private SubmitResult submitThenLater(Submitter submitter, RunStore store, SubmitRequest first, Duration delay,
      Function<RunRecord, JobGroup> later) throws InterruptedException {
    SubmitResult done = submitter.submit(first, listener.submitListener());
    if (done.interrupted() || !waitServerTime(delay)) {
      return done;
    }
    RunRecord r = done.run();
    JobGroup added = later.apply(r);
    List<JobGroup> groups = new ArrayList<>(r.groups());
    groups.add(added);
    RunRecord extended = new RunRecord(r.runId(), r.createdAt(), r.endpoint(), r.region(), r.stack(),
        r.jobQueue(), r.jobDefinition(), r.logGroup(), r.namePrefix(), r.jobCount() + added.count(), false,
        r.parameters(), r.job(), r.jobs(), groups);
    store.save(extended);
    return submitter.resume(extended, listener.submitListener());
  }

  /** Waits this long on the server's clock (the emulator's; on AWS, the wall clock); false when stopped. */
  private boolean waitServerTime(Duration wait) throws InterruptedException {
    Supplier<Instant> clock = target.serverClock();
    if (clock == null) {
      return stop.sleep(wait);
    }
    Instant until = clock.get().plus(wait);
    while (clock.get().isBefore(until)) {
      if (!stop.sleep(target.pollInterval())) {
        return false;
      }
    }
    return true;
  }

  private String stackOutput(String key) {
    return target.clients().cloudFormation().describeStacks(r -> r.stackName(target.stackName())).stacks().get(0)
        .outputs().stream().filter(o -> o.outputKey().equals(key)).map(o -> o.outputValue()).findFirst()
        .orElseThrow(() -> new ExperimentException("stack " + target.stackName() + " has no output " + key));
  }

  private WatchResult submitAndWatch(RunStore store, Fanning fanning, Long deadline) throws InterruptedException {
    submitter = new Submitter(target.clients(), store, SubmitOptions.defaults());
    if (stop.isStopRequested()) {
      submitter.requestStop();
    }
    SubmitResult submitted = fanning.submit(submitter);
    submitter = null;
    Duration left = deadline == null ? null : Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    // Following scale-in records when each instance left, for calibration; it also lets the next run start cold.
    watcher = new Watcher(target.clients(),
        new WatchOptions(target.pollInterval(), left, false).followingScaleIn(target.scaleInLimit()),
        target.serverClock());
    // Stopped during the fan-out (or just now): one poll still records where the jobs got to.
    if (stop.isStopRequested() || submitted.interrupted()) {
      watcher.requestStop();
    }
    WatchResult watched = watcher.watch(submitted.run(), listener.watchListener());
    watcher = null;
    withInterruptCleared(() -> {
      store.saveResult(watched);
      return null;
    });
    return watched;
  }

  /**
   * Calibrates the twin from the run and replays the run's submissions on it, with the settings'
   * timings and with the run's own fitted ones: how far the twin is from this real run. A replay
   * that fails is a note in the report, never a failed experiment.
   */
  private ReportRun withTwin(ReportRun run) {
    WatchResult watched = run.watch();
    CalibrationResult fitted = Calibration.fit(List.of(
        new Calibration.RunData(watched.run().runId(), watched.attempts(), watched.observations())));
    try {
      SynthesizedStack stack = StackSynthesizer.synthesize(settings.contextFor(run.maxVcpus()));
      List<TwinComparison> replays = new ArrayList<>();
      replays.add(TwinComparison.of(settings.timingsLabel(), watched.attempts(), TwinReplay.replay(
          stack.templateJson(), stack.stackName(), settings.timings(), watched.run(), watched.attempts())));
      if (fitted.anyFitted()) {
        Timings calibrated = TimingsFile.apply(settings.timings(), fitted.profile());
        replays.add(TwinComparison.of("timings calibrated from this run", watched.attempts(), TwinReplay.replay(
            stack.templateJson(), stack.stackName(), calibrated, watched.run(), watched.attempts())));
      }
      return run.withTwin(fitted, replays);
    } catch (RuntimeException e) {
      listener.info("twin replay of run " + run.number() + " failed: " + Text.firstLine(e));
      return run.withTwin(fitted, List.of());
    }
  }

  /** Waits for the previous run's instances to scale in, so this run starts cold like the first. */
  private void awaitScaleIn(ReportRun previous, Long deadline) {
    Duration limit = target.scaleInLimit();
    if (deadline != null) {
      limit = Duration.ofNanos(Math.max(0, Math.min(limit.toNanos(), deadline - System.nanoTime())));
    }
    listener.info("waiting for the previous run's idle instances to scale in, so this run starts cold like the first");
    boolean idle = ComputeEnvironmentScaling.awaitScaleIn(target.clients().batch(), previous.watch().run().jobQueue(),
        target.pollInterval(), limit, stop);
    if (!idle && !stop.isStopRequested()) {
      listener.info("instances still up after " + limit.toSeconds() + " s: starting anyway (some jobs may start warm)");
    }
  }

  private String stopReason(Long deadline) {
    if (stop.isStopRequested()) {
      return INTERRUPTED + " before all runs started";
    }
    if (deadline != null && System.nanoTime() >= deadline) {
      return timedOut() + " before all runs started";
    }
    return null;
  }

  private String timedOut() {
    return "timed out after --timeout " + settings.timeout().toSeconds() + " s";
  }

  /** The settings as the report lists them. */
  private Map<String, Object> reportSettings() {
    StackSettings stack = settings.stackSettings(settings.maxVcpus().get(0));
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("target", settings.target().cliName());
    Scenario scenario = settings.scenario();
    if (scenario != Scenario.ARTICLE) {
      shown.put("scenario", scenario.cliName());
      shown.put("expected", ScenarioCheck.expected(scenario, settings.jobs(), lateShareBound()));
      ScenarioCheck.Verdict v = verdict;
      shown.put("scenario verdict", v == null ? "not checked: the run did not complete" : v.line());
      shown.put("context", settings.context());
    }
    shown.put("max vCPU values", settings.maxVcpus());
    shown.put(scenario == Scenario.PRIORITY ? "jobs per queue" : scenario == Scenario.FAIR_SHARE ? "jobs per share"
        : "jobs per run", settings.jobs());
    shown.put("job",
        stack.jobVcpus() + " vCPU, " + stack.jobMemoryMiB() + " MiB, sleeps " + settings.jobSeconds() + " s");
    shown.put("instance types", String.join(",", stack.instanceTypes()));
    shown.put("allocation strategy", stack.allocationStrategy().name());
    shown.put("purchase", stack.spot() ? "spot" : "on-demand");
    shown.put("stack", stack.stackName());
    shown.put("cost", (settings.target() == Target.AWS
        ? "the instances the watch saw, launch to scale-in, x prices (an estimate, not the bill); "
        : "estimated: the twin's instances as the watch saw them, launch to scale-in, x prices; ")
        + plan.priceSource());
    shown.put("swap", settings.target() == Target.AWS ? "npx cdk deploy for each value"
        : settings.swap().description());
    if (settings.target() == Target.LOCAL) {
      shown.put("emulator clock", settings.speed().toString());
      if (!settings.capacity().isEmpty()) {
        shown.put("capacity limits", settings.capacity().toString());
      }
    }
    if (settings.timeout() != null) {
      shown.put("timeout", settings.timeout().toSeconds() + " s");
    }
    return shown;
  }

  private static boolean causedByInterrupt(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }
}
