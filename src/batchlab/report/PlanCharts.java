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
    int colour = 0;
    for (Series s : configurations) {
      XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
      line.setLineColor(PALETTE[colour % PALETTE.length]);
      line.setMarkerColor(PALETTE[colour % PALETTE.length]);
      line.setMarker(SeriesMarkers.CIRCLE);
      colour++;
    }
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
}
