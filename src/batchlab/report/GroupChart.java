package batchlab.report;

import batchlab.analysis.GroupFigures;
import batchlab.analysis.GroupSplit;
import batchlab.analysis.RunningStep;
import batchlab.run.JobAttempt;
import batchlab.run.JobGroup;
import batchlab.run.RunRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Running vCPUs per share (or per queue) over time, stacked: the band of each share sits on those listed
 * before it, so the top edge is the run's total and each band's height its share of it. Exact step curves
 * from the attempts' own timestamps. XChart's XY charts do not stack, so each series is drawn as the
 * running total up to its share, the highest first, opaque, so each band shows where the next stops.
 */
public final class GroupChart {

  /** Distinct colours that stay apart in print; more groups reuse them in order. */
  private static final Color[] PALETTE = {
    new Color(0x2E, 0x86, 0xAB), new Color(0xF2, 0xA5, 0x41), new Color(0x5B, 0x9E, 0x4D), new Color(0xC8, 0x3E, 0x4D),
    new Color(0x7B, 0x5E, 0xA7), new Color(0x8C, 0x6D, 0x46), new Color(0xD4, 0x6F, 0xB0), new Color(0x55, 0x55, 0x55)
  };

  private GroupChart() {}

  /** The split the chart shows: by share when the run named shares, else by queue; null for neither. */
  public static String splitOf(RunRecord run) {
    if (run.groups().stream().anyMatch(g -> g.share() != null)) {
      return GroupFigures.BY_SHARE;
    }
    return run.queues().size() > 1 ? GroupFigures.BY_QUEUE : null;
  }

  public static XYChart of(String title, RunRecord run, List<JobAttempt> attempts, String by, Instant origin,
      Instant end) {
    Function<JobGroup, String> key = GroupFigures.BY_SHARE.equals(by) ? JobGroup::shareLabel : JobGroup::queue;
    Map<String, List<JobAttempt>> groups = GroupSplit.attemptsBy(run, attempts, key);
    int vcpus = run.job() == null ? 1 : run.job().vcpus();
    XYChart chart = ChartStyle.newTimeChart(title, run.job() == null ? "jobs RUNNING" : "vCPUs RUNNING", 420);
    double endSeconds = Math.max(ChartStyle.secondsSince(origin, end), 1);

    List<String> names = new ArrayList<>(groups.keySet());
    List<List<RunningStep>> curves = names.stream().map(n -> RunningStep.of(groups.get(n))).toList();
    TreeSet<Instant> times = new TreeSet<>();
    curves.forEach(c -> c.forEach(s -> times.add(s.time())));
    List<Instant> at = new ArrayList<>(times);
    double[] xs = new double[at.size() + 2];
    xs[0] = 0;
    for (int i = 0; i < at.size(); i++) {
      xs[i + 1] = Math.max(0, ChartStyle.secondsSince(origin, at.get(i)));
    }
    xs[xs.length - 1] = Math.max(endSeconds, xs[xs.length - 2]);
    double[][] stacked = new double[names.size()][xs.length];
    for (int g = 0; g < names.size(); g++) {
      for (int i = 0; i < at.size(); i++) {
        double below = g == 0 ? 0 : stacked[g - 1][i + 1];
        stacked[g][i + 1] = below + runningAt(curves.get(g), at.get(i)) * vcpus;
      }
      stacked[g][xs.length - 1] = stacked[g][xs.length - 2];
    }
    // Highest first: XChart paints in insertion order, so each lower band is painted over the one above it.
    for (int g = names.size() - 1; g >= 0; g--) {
      Color color = PALETTE[g % PALETTE.length];
      XYSeries series = chart.addSeries(by + " " + names.get(g), xs, stacked[g]);
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
      series.setMarker(SeriesMarkers.NONE);
      series.setFillColor(color);
      series.setLineColor(color.darker());
      series.setLineStyle(new BasicStroke(1.0f));
    }
    double highest = names.isEmpty() ? 1 : java.util.Arrays.stream(stacked[names.size() - 1]).max().orElse(1);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(Math.ceil(highest * 1.1) + 0.5);
    chart.getStyler().setYAxisDecimalPattern("#");
    return chart;
  }

  public static byte[] png(String title, RunRecord run, List<JobAttempt> attempts, String by, Instant origin,
      Instant end) {
    return ChartStyle.png(of(title, run, attempts, by, origin, end));
  }

  /**
   * Writes the chart of a watched run into {@code directory} as {@code shares.png} (or {@code queues.png}
   * for a run to several queues without shares); empty for a run with neither.
   */
  public static java.util.Optional<java.nio.file.Path> writeFor(batchlab.watch.WatchResult result,
      java.nio.file.Path directory) {
    String by = splitOf(result.run());
    if (by == null) {
      return java.util.Optional.empty();
    }
    ReportRun run = new ReportRun(1, 0, result);
    java.nio.file.Path file = directory.resolve(by + "s.png");
    try {
      java.nio.file.Files.write(file, png("run " + result.run().runId() + ": vCPUs RUNNING per " + by + " (stacked)",
          result.run(), result.attempts(), by, run.origin(), run.end()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return java.util.Optional.of(file);
  }

  /** The curve's value from {@code time} on. */
  static int runningAt(List<RunningStep> curve, Instant time) {
    int running = 0;
    for (RunningStep step : curve) {
      if (step.time().isAfter(time)) {
        break;
      }
      running = step.running();
    }
    return running;
  }
}
