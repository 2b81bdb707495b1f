package batchlab.report;

import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import java.awt.Color;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A Gantt-style timeline: one horizontal lane per job, the first to run at the top; each attempt is a
 * RUNNABLE bar (queued, waiting for capacity) followed by a RUNNING bar. XChart has no horizontal
 * bar chart, so the bars are thick two-point line series on an XY chart, which keeps a true numeric
 * time axis. Attempts that had not started or stopped when the watch ended run to {@code end}.
 */
public final class TimelineChart {

  static final String WAITING = "RUNNABLE (waiting for capacity)";
  static final String RUNNING = "RUNNING";
  static final String FAILED = "RUNNING, attempt FAILED";

  private static final int MIN_HEIGHT = 360;
  private static final int MAX_HEIGHT = 1600;
  private static final int PIXELS_PER_LANE = 30;
  /** Above this many jobs the lanes are too thin for names and the axis shows job numbers. */
  static final int MAX_NAMED_LANES = 60;
  /** At most about this many job numbers on the axis of a chart with more lanes than that. */
  private static final int MAX_NUMBERED_LABELS = 40;
  /** Room for title, axis and legend around the lanes. */
  private static final int FRAME_PIXELS = 150;

  private final XYChart chart;
  private final float barWidth;
  private final Set<String> inLegend = new HashSet<>();
  private int seriesCount;

  private TimelineChart(XYChart chart, float barWidth) {
    this.chart = chart;
    this.barWidth = barWidth;
  }

  /**
   * @param title chart title
   * @param attempts every attempt of every job of the run
   * @param origin time zero of the x axis (the first submit)
   * @param end when the observation ended: open bars stop here
   */
  public static XYChart of(String title, List<JobAttempt> attempts, Instant origin, Instant end) {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(end, "end");
    List<List<JobAttempt>> lanes = lanes(attempts);
    int laneCount = Math.max(1, lanes.size());
    int height = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, FRAME_PIXELS + laneCount * PIXELS_PER_LANE));
    float barWidth = (float) Math.max(1.0, Math.min(16.0, 0.6 * (height - FRAME_PIXELS) / laneCount));
    TimelineChart timeline = new TimelineChart(ChartStyle.newTimeChart(title, "job", height), barWidth);
    // Lane y = n + 1 - job position puts the first job on top. XChart 3.8 labels every lane only when
    // the y values, in the order series were added, are equally spaced ascending: so the bottom margin
    // (y = 0) first, lanes bottom-up, the top margin (y = n + 1) last. Otherwise it falls back to
    // nice-number ticks, which the lane labels below cannot serve.
    timeline.addMargin(" margin below", 0);
    for (int i = lanes.size() - 1; i >= 0; i--) {
      timeline.addLane(lanes.size() - i, lanes.get(i), origin, end);
    }
    timeline.addMargin(" margin above", lanes.size() + 1);
    timeline.labelLanes(lanes);
    return timeline.chart;
  }

  /** PNG bytes of the chart. */
  public static byte[] png(String title, List<JobAttempt> attempts, Instant origin, Instant end) {
    return ChartStyle.png(of(title, attempts, origin, end));
  }

  /**
   * Attempts grouped per job; jobs in the order they first went RUNNING (so the waves read as a
   * staircase), jobs that never ran last; ties by submit time, then by name with numbers compared as
   * numbers (job-2 before job-10).
   */
  static List<List<JobAttempt>> lanes(List<JobAttempt> attempts) {
    Map<String, List<JobAttempt>> byJob = new LinkedHashMap<>();
    attempts.stream()
        .sorted(Comparator.comparing(JobAttempt::jobId).thenComparingInt(JobAttempt::attempt))
        .forEach(a -> byJob.computeIfAbsent(a.jobId(), id -> new ArrayList<>()).add(a));
    Comparator<List<JobAttempt>> order = Comparator
        .comparing((List<JobAttempt> job) -> firstStart(job), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(job -> job.get(0).createdAt())
        .thenComparing(job -> job.get(0).jobName(), JobNameOrder.INSTANCE);
    return byJob.values().stream().sorted(order).toList();
  }

  private static Instant firstStart(List<JobAttempt> job) {
    return job.stream().map(JobAttempt::startedAt).filter(Objects::nonNull).findFirst().orElse(null);
  }

  private void addLane(double y, List<JobAttempt> attempts, Instant origin, Instant end) {
    for (JobAttempt attempt : attempts) {
      Instant started = attempt.startedAt();
      addBar(WAITING, ChartStyle.RUNNABLE, y, ChartStyle.secondsSince(origin, attempt.queuedAt()),
          ChartStyle.secondsSince(origin, started == null ? end : started));
      if (started != null) {
        boolean failed = attempt.status() == JobState.FAILED;
        addBar(failed ? FAILED : RUNNING, failed ? ChartStyle.FAILED : ChartStyle.RUNNING, y,
            ChartStyle.secondsSince(origin, started),
            ChartStyle.secondsSince(origin, attempt.stoppedAt() == null ? end : attempt.stoppedAt()));
      }
    }
  }

  private void addBar(String state, Color color, double y, double from, double to) {
    // XChart keys series by name, so every bar gets a unique one and the state as its legend label.
    XYSeries bar = chart.addSeries(state + " #" + (++seriesCount), new double[] {from, Math.max(from, to)},
        new double[] {y, y});
    bar.setLabel(state);
    bar.setMarker(SeriesMarkers.NONE);
    bar.setLineColor(color);
    bar.setLineStyle(ChartStyle.bar(barWidth));
    bar.setShowInLegend(inLegend.add(state));
  }

  /** An invisible point that leaves half a lane of room around the outer bars. */
  private void addMargin(String name, double y) {
    XYSeries margin = chart.addSeries(name, new double[] {0}, new double[] {y});
    margin.setMarker(SeriesMarkers.NONE);
    margin.setLineColor(new Color(0, 0, 0, 0));
    margin.setShowInLegend(false);
  }

  /**
   * Labels lanes with job names, or with job numbers on every k-th lane when there are too many to
   * name. XChart keeps a tick on every lane only while all tick labels differ; blanks that repeat
   * make it try every 2nd, 3rd, ... lane instead, which is how the numbered axis is thinned out.
   * The two margins get two different blanks so they never count as a repeat.
   */
  private void labelLanes(List<List<JobAttempt>> lanes) {
    int n = lanes.size();
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
    boolean named = n <= MAX_NAMED_LANES;
    int every = named ? 1 : (n + MAX_NUMBERED_LABELS - 1) / MAX_NUMBERED_LABELS;
    if (!named) {
      chart.setYAxisTitle("job number");
    }
    chart.setCustomYAxisTickLabelsFormatter(y -> {
      long lane = Math.round(y);
      if (lane <= 0) {
        return " ";
      }
      if (lane > n) {
        return "  ";
      }
      int position = (int) (n - lane); // 0 = first job
      if (named) {
        return lanes.get(position).get(0).jobName();
      }
      return lane % every == 0 ? Integer.toString(position + 1) : "";
    });
  }


}
