package batchlab.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The experiment's makespan against maxVcpus: per completed run, what was observed, what {@code plan}
 * predicted for the same configuration, and the ideal lower bound. Drawn when the runs cover three or
 * more maxVcpus values (two points make a line, not a curve).
 *
 * @param points one per completed run with a planned makespan, by maxVcpus
 */
public record MakespanComparison(List<Point> points) {

  public static final int MIN_VALUES = 3;
  public static final String CHART_FILE = "makespan-vs-maxvcpus.png";

  /** Seconds; {@code idealSeconds} null when the prediction is unknown. */
  public record Point(int maxVcpus, double observedSeconds, double plannedSeconds, Double idealSeconds) {}

  public MakespanComparison {
    points = List.copyOf(points);
  }

  /** The comparison of these runs, or empty when they cover fewer than {@value #MIN_VALUES} maxVcpus values. */
  public static Optional<MakespanComparison> of(List<ReportRun> runs) {
    List<Point> points = runs.stream()
        .map(ComparisonRow::of)
        .filter(row -> row.makespan() != null && row.plannedMakespan() != null)
        .map(row -> new Point(row.maxVcpus(), row.makespan().toMillis() / 1000.0, row.plannedMakespan(),
            row.idealMakespan() == null ? null : row.idealMakespan().toMillis() / 1000.0))
        .sorted(Comparator.comparingInt(Point::maxVcpus))
        .toList();
    long values = points.stream().mapToInt(Point::maxVcpus).distinct().count();
    return values >= MIN_VALUES ? Optional.of(new MakespanComparison(points)) : Optional.empty();
  }

  /** The chart: observed and planned makespans as lines, the ideal lower bound dashed. */
  public byte[] png() {
    List<Double> x = points.stream().map(p -> (double) p.maxVcpus()).toList();
    PlanCharts.Series observed = new PlanCharts.Series("observed", x,
        points.stream().map(Point::observedSeconds).toList());
    PlanCharts.Series planned = new PlanCharts.Series("predicted by plan", x,
        points.stream().map(Point::plannedSeconds).toList());
    List<Point> withIdeal = points.stream().filter(p -> p.idealSeconds() != null).toList();
    PlanCharts.Series ideal = new PlanCharts.Series("ideal lower bound",
        withIdeal.stream().map(p -> (double) p.maxVcpus()).toList(), withIdeal.stream().map(Point::idealSeconds).toList());
    return PlanCharts.makespanAgainstMaxVcpus(List.of(observed, planned), ideal,
        new PlanCharts.Series("knee", List.of(), List.of()));
  }
}
