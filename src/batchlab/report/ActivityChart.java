package batchlab.report;

import batchlab.analysis.RunningStep;
import batchlab.run.JobAttempt;
import batchlab.run.Sample;
import java.awt.BasicStroke;
import java.awt.Color;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Jobs RUNNING, jobs waiting and instances over time, as step curves. The job curves are exact, from
 * the attempts' own timestamps; instances are what the watcher's polls saw (AWS keeps no instance
 * history a client could read afterwards). A dashed line marks the predicted number of jobs at once,
 * the ceiling maxvCpus puts on RUNNING.
 */
public final class ActivityChart {

  static final String RUNNING = "jobs RUNNING";
  static final String WAITING = "jobs waiting (RUNNABLE)";
  static final String INSTANCES = "instances (polled)";

  private ActivityChart() {}

  /**
   * @param predictedConcurrency the prediction's jobs at once; null to leave the line out
   */
  public static XYChart of(String title, List<JobAttempt> attempts, List<Sample> samples, Integer predictedConcurrency,
      Instant origin, Instant end) {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(end, "end");
    XYChart chart = ChartStyle.newTimeChart(title, "count", 420);
    double endSeconds = ChartStyle.secondsSince(origin, end);

    XYSeries runningSeries = addSteps(chart, RUNNING, exact(RunningStep.of(attempts), origin, endSeconds),
        ChartStyle.RUNNING, 2.0f);
    // Filled, so the instances line drawn over it stays visible where the two counts are equal.
    runningSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
    runningSeries.setFillColor(new Color(ChartStyle.RUNNING.getRed(), ChartStyle.RUNNING.getGreen(),
        ChartStyle.RUNNING.getBlue(), 90));
    addSteps(chart, WAITING, exact(RunningStep.of(waitingPhases(attempts)), origin, endSeconds),
        ChartStyle.RUNNABLE, 2.0f);
    addSteps(chart, INSTANCES, polled(samples, origin, endSeconds), ChartStyle.INSTANCES, 2.0f);
    if (predictedConcurrency != null) {
      XYSeries line = chart.addSeries("predicted jobs at once (" + predictedConcurrency + ")",
          new double[] {0, Math.max(endSeconds, 1)}, new double[] {predictedConcurrency, predictedConcurrency});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(ChartStyle.PREDICTED);
      line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f));
    }
    double highest = chart.getSeriesMap().values().stream().mapToDouble(XYSeries::getYMax).max().orElse(1);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(Math.ceil(highest * 1.1) + 0.5); // headroom so the top line is not on the frame
    chart.getStyler().setYAxisDecimalPattern("#");
    return chart;
  }

  public static byte[] png(String title, List<JobAttempt> attempts, List<Sample> samples, Integer predictedConcurrency,
      Instant origin, Instant end) {
    return ChartStyle.png(of(title, attempts, samples, predictedConcurrency, origin, end));
  }

  /**
   * Each attempt's waiting phase (queued until started) as an attempt "running" over that span, so
   * that {@link RunningStep} counts waiting jobs with the same exact edge arithmetic as running ones.
   */
  static List<JobAttempt> waitingPhases(List<JobAttempt> attempts) {
    return attempts.stream().map(a -> new JobAttempt(a.jobName(), a.jobId(), a.attempt(), a.status(),
        a.statusReason(), a.exitCode(), a.createdAt(), a.queuedAt(), a.queuedAt(), a.startedAt(), a.instance(),
        a.instanceType(), a.logStream())).toList();
  }

  private static Steps exact(List<RunningStep> curve, Instant origin, double endSeconds) {
    Steps steps = new Steps();
    steps.add(0, 0);
    for (RunningStep step : curve) {
      steps.add(ChartStyle.secondsSince(origin, step.time()), step.running());
    }
    return steps.until(endSeconds);
  }

  private static Steps polled(List<Sample> samples, Instant origin, double endSeconds) {
    Steps steps = new Steps();
    for (Sample sample : samples) {
      double t = ChartStyle.secondsSince(origin, sample.time());
      if (t >= 0) {
        steps.add(t, sample.instances());
      }
    }
    return steps.isEmpty() ? steps : steps.until(endSeconds);
  }

  private static XYSeries addSteps(XYChart chart, String name, Steps steps, Color color, float width) {
    if (steps.isEmpty()) {
      return null;
    }
    XYSeries series = chart.addSeries(name, steps.xs(), steps.ys());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineStyle(new BasicStroke(width));
    return series;
  }

  /** A step curve: each value holds from its time until the next point's time. */
  private static final class Steps {
    private final List<double[]> points = new ArrayList<>();

    void add(double time, int value) {
      points.add(new double[] {time, value});
    }

    /** The curve held flat until {@code end}, so it reaches the right edge of the chart. */
    Steps until(double end) {
      if (!points.isEmpty() && points.get(points.size() - 1)[0] < end) {
        add(end, (int) points.get(points.size() - 1)[1]);
      }
      return this;
    }

    boolean isEmpty() {
      return points.isEmpty();
    }

    double[] xs() {
      return points.stream().mapToDouble(p -> p[0]).toArray();
    }

    double[] ys() {
      return points.stream().mapToDouble(p -> p[1]).toArray();
    }
  }
}
