package batchlab.plan;

import batchlab.local.Timings;
import batchlab.report.HtmlPage;
import batchlab.report.PlanCharts;
import batchlab.report.Table;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The plan's outputs: the table (terminal, report.md, report.html), the recommendations as deploy
 * lines, summary.json and the charts (makespan against maxVcpus with the ideal bound and the knees;
 * cost against makespan with the Pareto front; utilisation against maxVcpus; for the recommended
 * configuration the distribution of time in system and the queue length over time).
 */
public final class PlanReport {

  public static final String MAKESPAN_CHART = "makespan-vs-maxvcpus.png";
  public static final String COST_CHART = "cost-vs-makespan.png";
  public static final String UTILISATION_CHART = "utilisation-vs-maxvcpus.png";
  public static final String SYSTEM_TIME_CHART = "time-in-system.png";
  public static final String QUEUE_CHART = "queue-length.png";
  /** What the table, summary.json and the report say instead of a makespan when the load is too high. */
  public static final String UNBOUNDED = "queue grows without bound";
  static final String TITLE = "AWS Batch plan: which maxVcpus and instance types, at what cost";
  /** A line's knee: the smallest maxVcpus whose makespan is within this share of the line's best. */
  static final double KNEE_TOLERANCE = 0.10;

  private final PlanRequest request;
  private final PlanOutcome outcome;
  private final Optional<RunDetail> detail;

  /** {@code detail}: the recommended configuration's run job by job (its two charts), when there is one. */
  public PlanReport(PlanRequest request, PlanOutcome outcome, Optional<RunDetail> detail) {
    this.request = request;
    this.outcome = outcome;
    this.detail = detail;
  }

  public PlanReport(PlanRequest request, PlanOutcome outcome) {
    this(request, outcome, Optional.empty());
  }

  private boolean continuous() {
    return request.workload().arrivals().ratePerSecond().isPresent();
  }

  private boolean repeated() {
    return request.settings().repeats() > 1;
  }

  private boolean faulty() {
    return request.workload().failureRate() > 0 || request.workload().spotInterruptionRate() > 0;
  }

  /**
   * One row per configuration. Columns only some plans need: load (continuous arrivals), the
   * makespan's and cost's range over the runs (--repeat), failed and retried (failures or reclaims).
   */
  public Table table() {
    List<String> headers = new ArrayList<>(List.of("maxVcpus", "instance types", "strategy", "purchase"));
    if (continuous()) {
      headers.add("load");
    }
    headers.add("makespan");
    if (repeated()) {
      headers.add("makespan range");
    }
    headers.addAll(List.of("max running", "waves", "wait p50", "wait p95", "peak inst", "busy inst-s", "boot inst-s",
        "idle inst-s", "util", "cost USD"));
    if (repeated()) {
      headers.add("cost range");
    }
    headers.addAll(List.of("boot USD", "idle USD", "USD/job"));
    if (faulty()) {
      headers.addAll(List.of("failed", "retried"));
    }
    headers.add("pareto");
    List<List<String>> rows = new ArrayList<>();
    for (ConfigurationResult r : outcome.results()) {
      rows.add(row(r, headers.size()));
    }
    return new Table(headers, rows, List.of(1, 2, 3, headers.size() - 1));
  }

  private List<String> row(ConfigurationResult r, int columns) {
    Configuration c = r.configuration();
    List<String> row = new ArrayList<>(List.of(Integer.toString(c.maxVcpus()), c.instanceTypesText(),
        c.strategy().name(), c.purchase() + (c.spot() && spotAssumed(c) ? "*" : "")));
    if (continuous()) {
      row.add(percent(r.offeredLoad()));
    }
    if (!r.comparable()) {
      row.add(r.completed() ? UNBOUNDED : "never");
      while (row.size() < columns - 1) {
        row.add("-");
      }
      row.add("");
      return row;
    }
    row.add(seconds(r.makespan()));
    if (repeated()) {
      row.add(whole(r.makespanSpread().min()) + ".." + whole(r.makespanSpread().max()) + " s");
    }
    row.addAll(List.of(Integer.toString(r.maxRunning()), Integer.toString(r.waves()), seconds(r.waitP50()),
        seconds(r.waitP95()), Integer.toString(r.peakInstances()), whole(r.busySeconds()), whole(r.bootSeconds()),
        whole(r.idleSeconds()), percent(r.utilisation()), usd(r.cost())));
    if (repeated()) {
      row.add(usd(r.costSpread().min()) + ".." + usd(r.costSpread().max()));
    }
    row.addAll(List.of(usd(r.bootCost()), usd(r.idleCost()), String.format(Locale.ROOT, "%.5f", r.costPerJob())));
    if (faulty()) {
      row.add(decimal(r.failedJobs()));
      row.add(decimal(r.retriedAttempts()));
    }
    row.add(outcome.onFront(r) ? "yes" : "");
    return row;
  }

  private boolean spotAssumed(Configuration c) {
    return request.prices().assumed(c.instanceTypes(), c.spot());
  }

  private boolean anySpot() {
    return request.grid().stream().anyMatch(Configuration::spot);
  }

  /** The price source, the assumption marker's meaning, and the recommendations, one line each. */
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    boolean anyAssumed = request.grid().stream().anyMatch(this::spotAssumed);
    notes.add("Prices: " + request.prices().source(anySpot()) + (anyAssumed ? " (* = assumed spot price)" : ""));
    notes.add("Workload: " + request.workload().describe() + "; each configuration run on the emulator's scheduler"
        + (repeated() ? ", " + request.settings().repeats() + " times (seeds " + request.settings().seed() + ".."
            + (request.settings().seed() + request.settings().repeats() - 1) + "): figures are means, counts the largest,"
            + " and the deadline and budget must hold in every run" : ""));
    Planner.Settings settings = request.settings();
    if (!settings.timings().equals(Timings.DEFAULT) || !settings.capacity().isEmpty() || settings.minVcpus() > 0) {
      notes.add("Emulator: " + delays(settings.timings()) + "; capacity limits: " + settings.capacity()
          + "; minvCpus " + settings.minVcpus());
    }
    if (continuous()) {
      notes.add("load: offered / usable vCPUs (arrival rate x (container start + mean run time) x job vCPUs, against the"
          + " most job vCPUs the configuration runs at once); at 100 % or more the " + UNBOUNDED
          + ", so no makespan is given and the configuration is never recommended");
    }
    if (request.deadlineSeconds() != null) {
      notes.add(recommendation("Cheapest within the deadline of " + seconds(request.deadlineSeconds()),
          outcome.cheapestWithinDeadline(), "no configuration finishes within the deadline"));
    }
    if (request.budgetUsd() != null) {
      notes.add(recommendation("Fastest within the budget of " + usd(request.budgetUsd()) + " USD",
          outcome.fastestWithinBudget(), "no configuration stays within the budget"));
    }
    return notes;
  }

  private String recommendation(String what, Optional<ConfigurationResult> pick, String none) {
    return pick.map(r -> what + ": makespan " + seconds(r.makespan()) + ", " + usd(r.cost()) + " USD: "
        + r.configuration().deployCommand(request.otherContext())).orElse(what + ": " + none);
  }

  private static String delays(Timings t) {
    return "dispatch " + seconds(t.dispatch().toMillis() / 1000.0) + ", boot " + seconds(t.instanceBoot().toMillis() / 1000.0)
        + ", container start " + seconds(t.jobStart().toMillis() / 1000.0) + ", scale-in after "
        + seconds(t.scaleDown().toMillis() / 1000.0);
  }

  /** The recommended configuration's name in the detail charts' titles. */
  private static String name(Configuration c) {
    return "maxVcpus " + c.maxVcpus() + " " + c.instanceTypesText() + " " + c.strategy() + " " + c.purchase();
  }

  /** The chart files this report writes: three always, two more for a recommended configuration. */
  public List<String> chartFiles() {
    List<String> files = new ArrayList<>(List.of(MAKESPAN_CHART, COST_CHART, UTILISATION_CHART));
    detail.ifPresent(d -> files.addAll(List.of(SYSTEM_TIME_CHART, QUEUE_CHART)));
    return files;
  }

  /** The terminal output: table, then the notes. */
  public String text() {
    StringBuilder out = new StringBuilder(table().text()).append('\n');
    notes().forEach(n -> out.append(n).append('\n'));
    return out.toString();
  }

  /** Writes report.md, report.html, summary.json and the PNG charts into the request's directory. */
  public List<Path> write() {
    Path dir = request.outDir();
    try {
      Files.createDirectories(dir);
      Map<String, byte[]> charts = charts();
      for (var chart : charts.entrySet()) {
        Files.write(dir.resolve(chart.getKey()), chart.getValue());
      }
      Files.writeString(dir.resolve("report.md"), markdown());
      Files.writeString(dir.resolve("report.html"), html(charts));
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("summary.json").toFile(), summary());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan report to " + dir + ": " + e.getMessage(), e);
    }
    List<Path> files = new ArrayList<>(List.of(dir.resolve("report.html"), dir.resolve("report.md"),
        dir.resolve("summary.json")));
    chartFiles().forEach(f -> files.add(dir.resolve(f)));
    return files;
  }

  /** Each chart's heading in the report, by file. */
  private Map<String, String> chartHeadings() {
    Map<String, String> headings = new LinkedHashMap<>();
    headings.put(MAKESPAN_CHART, "Makespan against maxVcpus");
    headings.put(COST_CHART, "Cost against makespan");
    headings.put(UTILISATION_CHART, "Utilisation against maxVcpus");
    detail.ifPresent(d -> {
      headings.put(SYSTEM_TIME_CHART, "Time in system, recommended configuration (" + name(d.configuration()) + ")");
      headings.put(QUEUE_CHART, "Queue length over time, recommended configuration (" + name(d.configuration()) + ")");
    });
    return headings;
  }

  private Map<String, byte[]> charts() {
    Map<String, byte[]> charts = new LinkedHashMap<>();
    charts.put(MAKESPAN_CHART, makespanChart());
    charts.put(COST_CHART, costChart());
    charts.put(UTILISATION_CHART, PlanCharts.utilisationAgainstMaxVcpus(series(r -> r.utilisation() * 100)));
    detail.ifPresent(d -> {
      double[] system = d.timesInSystemSorted();
      charts.put(SYSTEM_TIME_CHART, PlanCharts.timeInSystemDistribution(name(d.configuration()), system,
          Measurements.percentile(system, 0.50), Measurements.percentile(system, 0.95)));
      charts.put(QUEUE_CHART, PlanCharts.queueLengthOverTime(name(d.configuration()), d.queue().times(),
          d.queue().lengths()));
    });
    return charts;
  }

  private String markdown() {
    StringBuilder md = new StringBuilder("# ").append(TITLE).append("\n\n");
    notes().forEach(n -> md.append("- ").append(n).append('\n'));
    md.append('\n').append(table().markdown()).append('\n');
    chartHeadings().forEach((file, heading) -> md.append("## ").append(heading).append("\n\n![")
        .append(heading).append("](").append(file).append(")\n\n"));
    return md.toString();
  }

  private String html(Map<String, byte[]> charts) {
    HtmlPage page = new HtmlPage(TITLE);
    notes().forEach(page::paragraph);
    page.table(table());
    chartHeadings().forEach((file, heading) -> page.heading(heading).image(heading, charts.get(file)));
    return page.render();
  }

  private Map<String, Object> summary() {
    Map<String, Object> root = new LinkedHashMap<>();
    Workload w = request.workload();
    Map<String, Object> workload = new LinkedHashMap<>();
    workload.put("jobs", w.jobs());
    workload.put("jobVcpus", w.jobVcpus());
    workload.put("jobMemoryMiB", w.jobMemoryMiB());
    workload.put("arrival", w.arrivals().describe());
    workload.put("durations", w.durations().describe());
    workload.put("meanRunSeconds", w.durations().meanSeconds());
    workload.put("failureRate", w.failureRate());
    workload.put("spotInterruptionsPerInstanceHour", w.spotInterruptionRate());
    workload.put("description", w.describe());
    root.put("workload", workload);
    root.put("emulator", Map.of("delays", delays(request.settings().timings()),
        "capacityLimits", request.settings().capacity().toString(), "minVcpus", request.settings().minVcpus()));
    root.put("seed", request.settings().seed());
    root.put("repeats", request.settings().repeats());
    root.put("priceSource", request.prices().source(anySpot()));
    root.put("deadlineSeconds", request.deadlineSeconds());
    root.put("budgetUsd", request.budgetUsd());
    List<Map<String, Object>> configurations = new ArrayList<>();
    for (ConfigurationResult r : outcome.results()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("configuration", r.configuration().context());
      row.put("completed", r.completed());
      if (continuous()) {
        row.put("offeredLoad", r.offeredLoad());
      }
      if (r.completed() && r.unbounded()) {
        row.put("makespanSeconds", UNBOUNDED);
      } else if (r.completed()) {
        row.put("makespanSeconds", r.makespan());
        if (repeated()) {
          row.put("makespanSpread", spread(r.makespanSpread()));
          row.put("costSpread", spread(r.costSpread()));
        }
        row.put("failedJobs", r.failedJobs());
        row.put("retriedAttempts", r.retriedAttempts());
        row.put("maxRunning", r.maxRunning());
        row.put("waves", r.waves());
        row.put("waitSeconds", Map.of("p50", r.waitP50(), "p95", r.waitP95(), "max", r.waitMax()));
        row.put("systemSeconds", Map.of("p50", r.systemP50(), "p95", r.systemP95(), "max", r.systemMax()));
        row.put("peakInstances", r.peakInstances());
        row.put("instanceSeconds", Map.of("busy", r.busySeconds(), "boot", r.bootSeconds(), "idle", r.idleSeconds()));
        row.put("utilisation", r.utilisation());
        row.put("costUsd", Map.of("total", r.cost(), "boot", r.bootCost(), "idle", r.idleCost(), "perJob",
            r.costPerJob()));
        row.put("spotPriceAssumed", r.configuration().spot() && spotAssumed(r.configuration()));
        row.put("paretoFront", outcome.onFront(r));
        row.put("deploy", r.configuration().deployCommand(request.otherContext()));
      }
      configurations.add(row);
    }
    root.put("configurations", configurations);
    outcome.cheapestWithinDeadline().ifPresent(r -> root.put("cheapestWithinDeadline",
        r.configuration().deployCommand(request.otherContext())));
    outcome.fastestWithinBudget().ifPresent(r -> root.put("fastestWithinBudget",
        r.configuration().deployCommand(request.otherContext())));
    detail.ifPresent(d -> {
      Map<String, Object> recommended = new LinkedHashMap<>();
      recommended.put("configuration", d.configuration().context());
      recommended.put("timeInSystemSeconds", d.timesInSystemSorted());
      recommended.put("peakQueueLength", d.peakQueue());
      recommended.put("charts", List.of(SYSTEM_TIME_CHART, QUEUE_CHART));
      root.put("recommended", recommended);
    });
    return root;
  }

  private static Map<String, Object> spread(ConfigurationResult.Spread spread) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("runs", spread.runs());
    map.put("mean", spread.mean());
    map.put("min", spread.min());
    map.put("max", spread.max());
    return map;
  }

  /** The comparable results as chart lines: one per instance-type set, strategy and purchase option, by maxVcpus. */
  private Map<String, List<ConfigurationResult>> lines() {
    Map<String, List<ConfigurationResult>> lines = new LinkedHashMap<>();
    for (ConfigurationResult r : outcome.results()) {
      if (r.comparable()) {
        Configuration c = r.configuration();
        lines.computeIfAbsent(c.instanceTypesText() + " " + c.strategy() + " " + c.purchase(), k -> new ArrayList<>())
            .add(r);
      }
    }
    lines.replaceAll((name, points) -> points.stream()
        .sorted(Comparator.comparingInt(r -> r.configuration().maxVcpus())).toList());
    return lines;
  }

  /** Each line's {@code figure} against maxVcpus. */
  private List<PlanCharts.Series> series(ToDoubleFunction<ConfigurationResult> figure) {
    List<PlanCharts.Series> series = new ArrayList<>();
    lines().forEach((name, points) -> series.add(new PlanCharts.Series(name,
        points.stream().map(r -> (double) r.configuration().maxVcpus()).toList(),
        points.stream().map(figure::applyAsDouble).toList())));
    return series;
  }

  private byte[] makespanChart() {
    List<Double> kneeX = new ArrayList<>();
    List<Double> kneeY = new ArrayList<>();
    for (List<ConfigurationResult> points : lines().values()) {
      knee(points).ifPresent(k -> {
        kneeX.add((double) k.configuration().maxVcpus());
        kneeY.add(k.makespan());
      });
    }
    List<Double> xs = request.grid().stream().map(c -> (double) c.maxVcpus()).distinct().sorted().toList();
    Workload w = request.workload();
    Workload.Draw draw = w.draw(request.settings().seed());
    List<Double> ideal = xs.stream().map(x -> idealMakespan(w, draw, x.intValue())).toList();
    return PlanCharts.makespanAgainstMaxVcpus(series(ConfigurationResult::makespan),
        new PlanCharts.Series("ideal lower bound", xs, ideal),
        new PlanCharts.Series("knee", kneeX, kneeY));
  }

  /** The smallest maxVcpus of a line whose makespan is within {@link #KNEE_TOLERANCE} of the line's best. */
  static Optional<ConfigurationResult> knee(List<ConfigurationResult> byMaxVcpus) {
    double best = byMaxVcpus.stream().mapToDouble(ConfigurationResult::makespan).min().orElse(Double.NaN);
    return byMaxVcpus.stream().filter(r -> r.makespan() <= best * (1 + KNEE_TOLERANCE)).findFirst();
  }

  /**
   * The ideal lower bound with no boot or start, k = jobs that fit under maxVcpus by vCPUs: for the
   * article's shape (fixed run time, all at once) the experiment's ceil(jobs / k) x job time;
   * otherwise (the first repeat's draw) the larger of total run time / k and the latest
   * submit + run time.
   */
  static double idealMakespan(Workload w, Workload.Draw draw, int maxVcpus) {
    int atOnce = Math.max(1, maxVcpus / w.jobVcpus());
    if (w.arrivals() instanceof Arrivals.AllAtOnce && w.durations() instanceof Durations.Fixed fixed) {
      return Math.ceil((double) w.jobs() / atOnce) * fixed.seconds();
    }
    long total = 0;
    long latestEnd = 0;
    for (int i = 0; i < w.jobs(); i++) {
      total += draw.runMillis()[i];
      latestEnd = Math.max(latestEnd, draw.submitMillis()[i] + draw.runMillis()[i]);
    }
    return Math.max(total / 1000.0 / atOnce, latestEnd / 1000.0);
  }

  private byte[] costChart() {
    List<ConfigurationResult> done = outcome.results().stream().filter(ConfigurationResult::comparable).toList();
    return PlanCharts.costAgainstMakespan(
        new PlanCharts.Series("configurations", done.stream().map(ConfigurationResult::makespan).toList(),
            done.stream().map(ConfigurationResult::cost).toList()),
        new PlanCharts.Series("Pareto front", outcome.paretoFront().stream().map(ConfigurationResult::makespan).toList(),
            outcome.paretoFront().stream().map(ConfigurationResult::cost).toList()));
  }

  static String seconds(double s) {
    return s == Math.rint(s) ? (long) s + " s" : String.format(Locale.ROOT, "%.1f s", s);
  }

  private static String percent(double share) {
    return Double.isInfinite(share) ? "inf" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String decimal(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String whole(double s) {
    return String.format(Locale.ROOT, "%.0f", s);
  }

  static String usd(double usd) {
    return String.format(Locale.ROOT, "%.4f", usd);
  }
}
