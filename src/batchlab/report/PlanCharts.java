package batchlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The planner's charts, in the reports' common style. */
public final class PlanCharts {

  /** One line of a chart: a name and its points. */
  public record Series(String name, List<Double> x, List<Double> y) {
    public Series {
      x = List.copyOf(x);
      y = List.copyOf(y);
    }
  }

  private static final Color[] PALETTE = {ChartStyle.RUNNING, ChartStyle.RUNNABLE, ChartStyle.FAILED,
      new Color(0x3B, 0x8E, 0x3B), new Color(0x8E, 0x44, 0xAD), ChartStyle.INSTANCES};

  private PlanCharts() {}

  /**
   * Makespan against maxVcpus, one line per instance-type set, strategy and purchase option, with
   * the ideal lower bound dashed and the knee (where adding vCPUs stops paying) marked.
   */
  public static byte[] makespanAgainstMaxVcpus(List<Series> configurations, Series idealLowerBound,
      Series knees) {
    XYChart chart = ChartStyle.newTimeChart("Makespan against maxVcpus", "makespan (s)", 520);
    chart.setXAxisTitle("maxVcpus");
    addConfigurationLines(chart, configurations);
    XYSeries ideal = chart.addSeries(idealLowerBound.name(), idealLowerBound.x(), idealLowerBound.y());
    ideal.setLineColor(ChartStyle.PREDICTED);
    ideal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
    ideal.setMarker(SeriesMarkers.NONE);
    if (!knees.x().isEmpty()) {
      XYSeries knee = chart.addSeries(knees.name(), knees.x(), knees.y());
      knee.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      knee.setMarker(SeriesMarkers.DIAMOND);
      knee.setMarkerColor(Color.BLACK);
    }
    chart.getStyler().setYAxisMin(0.0);
    return ChartStyle.png(chart);
  }

  /** Cost against makespan, every configuration as a point, the Pareto front as a line. */
  public static byte[] costAgainstMakespan(Series all, Series paretoFront) {
    XYChart chart = ChartStyle.newTimeChart("Cost against makespan", "cost (USD)", 480);
    chart.setXAxisTitle("makespan (s)");
    if (all.x().isEmpty()) {
      return ChartStyle.png(chart); // nothing finished with a meaningful makespan: an empty frame
    }
    XYSeries points = chart.addSeries(all.name(), all.x(), all.y());
    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    points.setMarkerColor(ChartStyle.PREDICTED);
    points.setMarker(SeriesMarkers.CIRCLE);
    XYSeries front = chart.addSeries(paretoFront.name(), paretoFront.x(), paretoFront.y());
    front.setLineColor(ChartStyle.FAILED);
    front.setMarkerColor(ChartStyle.FAILED);
    front.setMarker(SeriesMarkers.DIAMOND);
    chart.getStyler().setYAxisMin(0.0);
    return ChartStyle.png(chart);
  }
  /** Utilisation (job vCPU-seconds / paid vCPU-seconds, in %) against maxVcpus, one line per type set, strategy and purchase. */
  public static byte[] utilisationAgainstMaxVcpus(List<Series> configurations) {
    XYChart chart = ChartStyle.newTimeChart("Utilisation against maxVcpus", "utilisation (%)", 480);
    chart.setXAxisTitle("maxVcpus");
    addConfigurationLines(chart, configurations);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisTickMarkSpacingHint(60);
    return ChartStyle.png(chart);
  }

  /**
   * The distribution of time in system (submit to end) as an empirical CDF: the share of jobs done
   * within x seconds, with the median and p95 marked.
   */
  public static byte[] timeInSystemDistribution(String configuration, double[] secondsSorted, double p50, double p95) {
    XYChart chart = ChartStyle.newTimeChart("Time in system, " + configuration, "jobs done within (%)", 420);
    chart.setXAxisTitle("time in system (s)");
    int n = secondsSorted.length;
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = secondsSorted[i];
      y[2 * i] = 100.0 * i / n;
      x[2 * i + 1] = secondsSorted[i];
      y[2 * i + 1] = 100.0 * (i + 1) / n;
    }
    XYSeries cdf = chart.addSeries("share of jobs", x, y);
    cdf.setLineColor(ChartStyle.RUNNING);
    cdf.setMarker(SeriesMarkers.NONE);
    XYSeries marks = chart.addSeries("p50, p95", new double[] {p50, p95}, new double[] {50, 95});
    marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    marks.setMarker(SeriesMarkers.DIAMOND);
    marks.setMarkerColor(Color.BLACK);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisTickMarkSpacingHint(60);
    return ChartStyle.png(chart);
  }

  /** Jobs waiting for an instance (submitted or back from a reclaim, not yet placed) over time, as steps. */
  public static byte[] queueLengthOverTime(String configuration, double[] times, int[] lengths) {
    XYChart chart = ChartStyle.newTimeChart("Queue length, " + configuration, "jobs waiting", 420);
    double[] y = new double[lengths.length];
    for (int i = 0; i < lengths.length; i++) {
      y[i] = lengths[i];
    }
    XYSeries queue = chart.addSeries("jobs waiting for an instance", times, y);
    queue.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    queue.setLineColor(ChartStyle.RUNNABLE);
    queue.setMarker(SeriesMarkers.NONE);
    chart.getStyler().setYAxisMin(0.0);
    return ChartStyle.png(chart);
  }

  /** One line with circle markers per configuration series, coloured in palette order. */
  private static void addConfigurationLines(XYChart chart, List<Series> configurations) {
    int colour = 0;
    for (Series s : configurations) {
      XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
      line.setLineColor(PALETTE[colour % PALETTE.length]);
      line.setMarkerColor(PALETTE[colour % PALETTE.length]);
      line.setMarker(SeriesMarkers.CIRCLE);
      colour++;
    }
  }
}
