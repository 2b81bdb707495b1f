package batchlab.plan;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The plan's outputs: the table (terminal, report.md, report.html), the recommendations as deploy
 * lines, summary.json and the charts (makespan against maxVcpus with the ideal bound and the knees;
 * cost against makespan with the Pareto front).
 */
public final class PlanReport {

  public static final String MAKESPAN_CHART = "makespan-vs-maxvcpus.png";
  public static final String COST_CHART = "cost-vs-makespan.png";
  static final String TITLE = "AWS Batch plan: which maxVcpus and instance types, at what cost";
  /** A line's knee: the smallest maxVcpus whose makespan is within this share of the line's best. */
  static final double KNEE_TOLERANCE = 0.10;

  static final List<String> HEADERS = List.of("maxVcpus", "instance types", "strategy", "purchase", "makespan",
      "max running", "waves", "wait p50", "wait p95", "peak inst", "busy inst-s", "boot inst-s", "idle inst-s",
      "util", "cost USD", "boot USD", "idle USD", "USD/job", "pareto");

  private final PlanRequest request;
  private final PlanOutcome outcome;

  public PlanReport(PlanRequest request, PlanOutcome outcome) {
    this.request = request;
    this.outcome = outcome;
  }

  public Table table() {
    List<List<String>> rows = new ArrayList<>();
    for (ConfigurationResult r : outcome.results()) {
      Configuration c = r.configuration();
      if (!r.completed()) {
        rows.add(List.of(Integer.toString(c.maxVcpus()), c.instanceTypesText(), c.strategy().name(), c.purchase(),
            "never", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", ""));
        continue;
      }
      rows.add(List.of(Integer.toString(c.maxVcpus()), c.instanceTypesText(), c.strategy().name(),
          c.purchase() + (c.spot() && spotAssumed(c) ? "*" : ""), seconds(r.makespan()),
          Integer.toString(r.maxRunning()), Integer.toString(r.waves()), seconds(r.waitP50()), seconds(r.waitP95()),
          Integer.toString(r.peakInstances()), whole(r.busySeconds()), whole(r.bootSeconds()), whole(r.idleSeconds()),
          String.format(Locale.ROOT, "%.0f%%", r.utilisation() * 100), usd(r.cost()), usd(r.bootCost()),
          usd(r.idleCost()), String.format(Locale.ROOT, "%.5f", r.costPerJob()), outcome.onFront(r) ? "yes" : ""));
    }
    return new Table(HEADERS, rows, List.of(1, 2, 3, 18));
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
    Workload w = request.workload();
    notes.add("Workload: " + w.jobs() + " jobs of " + w.jobVcpus() + " vCPU / " + w.jobMemoryMiB() + " MiB, "
        + w.jobSeconds() + " s each, all submitted at once; each configuration run on the emulator's scheduler");
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
      byte[] makespan = makespanChart();
      byte[] cost = costChart();
      Files.write(dir.resolve(MAKESPAN_CHART), makespan);
      Files.write(dir.resolve(COST_CHART), cost);
      Files.writeString(dir.resolve("report.md"), markdown());
      Files.writeString(dir.resolve("report.html"), html(makespan, cost));
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("summary.json").toFile(), summary());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan report to " + dir + ": " + e.getMessage(), e);
    }
    return List.of(dir.resolve("report.html"), dir.resolve("report.md"), dir.resolve("summary.json"),
        dir.resolve(MAKESPAN_CHART), dir.resolve(COST_CHART));
  }

  private String markdown() {
    StringBuilder md = new StringBuilder("# ").append(TITLE).append("\n\n");
    notes().forEach(n -> md.append("- ").append(n).append('\n'));
    md.append('\n').append(table().markdown()).append('\n');
    md.append("![makespan against maxVcpus](").append(MAKESPAN_CHART).append(")\n\n");
    md.append("![cost against makespan](").append(COST_CHART).append(")\n");
    return md.toString();
  }

  private String html(byte[] makespan, byte[] cost) {
    HtmlPage page = new HtmlPage(TITLE);
    notes().forEach(page::paragraph);
    return page.table(table()).heading("Makespan against maxVcpus").image("makespan against maxVcpus", makespan)
        .heading("Cost against makespan").image("cost against makespan, Pareto front", cost).render();
  }

  private Map<String, Object> summary() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("workload", request.workload());
    root.put("priceSource", request.prices().source(anySpot()));
    root.put("deadlineSeconds", request.deadlineSeconds());
    root.put("budgetUsd", request.budgetUsd());
    List<Map<String, Object>> configurations = new ArrayList<>();
    for (ConfigurationResult r : outcome.results()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("configuration", r.configuration().context());
      row.put("completed", r.completed());
      if (r.completed()) {
        row.put("makespanSeconds", r.makespan());
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
    return root;
  }

  private byte[] makespanChart() {
    Map<String, List<ConfigurationResult>> lines = new LinkedHashMap<>();
    for (ConfigurationResult r : outcome.results()) {
      if (r.completed()) {
        Configuration c = r.configuration();
        lines.computeIfAbsent(c.instanceTypesText() + " " + c.strategy() + " " + c.purchase(), k -> new ArrayList<>())
            .add(r);
      }
    }
    List<PlanCharts.Series> series = new ArrayList<>();
    List<Double> kneeX = new ArrayList<>();
    List<Double> kneeY = new ArrayList<>();
    for (var line : lines.entrySet()) {
      List<ConfigurationResult> points = line.getValue().stream()
          .sorted(java.util.Comparator.comparingInt(r -> r.configuration().maxVcpus())).toList();
      series.add(new PlanCharts.Series(line.getKey(), points.stream().map(r -> (double) r.configuration().maxVcpus()).toList(),
          points.stream().map(ConfigurationResult::makespan).toList()));
      knee(points).ifPresent(k -> {
        kneeX.add((double) k.configuration().maxVcpus());
        kneeY.add(k.makespan());
      });
    }
    List<Double> xs = request.grid().stream().map(c -> (double) c.maxVcpus()).distinct().sorted().toList();
    Workload w = request.workload();
    List<Double> ideal = xs.stream().map(x -> idealMakespan(w, x.intValue())).toList();
    return PlanCharts.makespanAgainstMaxVcpus(series, new PlanCharts.Series("ideal lower bound", xs, ideal),
        new PlanCharts.Series("knee", kneeX, kneeY));
  }

  /** The smallest maxVcpus of a line whose makespan is within {@link #KNEE_TOLERANCE} of the line's best. */
  static Optional<ConfigurationResult> knee(List<ConfigurationResult> byMaxVcpus) {
    double best = byMaxVcpus.stream().mapToDouble(ConfigurationResult::makespan).min().orElse(Double.NaN);
    return byMaxVcpus.stream().filter(r -> r.makespan() <= best * (1 + KNEE_TOLERANCE)).findFirst();
  }

  /** The experiment's ideal: ceil(jobs / jobs that fit under maxVcpus) x job time, with no boot or start. */
  static double idealMakespan(Workload w, int maxVcpus) {
    int atOnce = Math.max(1, maxVcpus / w.jobVcpus());
    return Math.ceil((double) w.jobs() / atOnce) * w.jobSeconds();
  }

  private byte[] costChart() {
    List<ConfigurationResult> done = outcome.results().stream().filter(ConfigurationResult::completed).toList();
    return PlanCharts.costAgainstMakespan(
        new PlanCharts.Series("configurations", done.stream().map(ConfigurationResult::makespan).toList(),
            done.stream().map(ConfigurationResult::cost).toList()),
        new PlanCharts.Series("Pareto front", outcome.paretoFront().stream().map(ConfigurationResult::makespan).toList(),
            outcome.paretoFront().stream().map(ConfigurationResult::cost).toList()));
  }

  static String seconds(double s) {
    return s == Math.rint(s) ? (long) s + " s" : String.format(Locale.ROOT, "%.1f s", s);
  }

  private static String whole(double s) {
    return String.format(Locale.ROOT, "%.0f", s);
  }

  static String usd(double usd) {
    return String.format(Locale.ROOT, "%.4f", usd);
  }
}
