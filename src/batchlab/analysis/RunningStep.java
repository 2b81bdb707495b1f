package batchlab.analysis;

import batchlab.run.JobAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * From {@code time} on, {@code running} attempts were RUNNING: the exact step curve of concurrency,
 * computed from the attempts' start and stop times (a chart of RUNNING jobs over time can plot it).
 */
public record RunningStep(Instant time, int running) {

  /**
   * The step curve, one step per instant at which the count changes. A stop and a start at the same
   * instant count as a hand-over, not as an overlap. Attempts still running have no stop.
   */
  public static List<RunningStep> of(List<JobAttempt> attempts) {
    record Edge(Instant time, int delta) {}
    List<Edge> edges = new ArrayList<>();
    for (JobAttempt attempt : attempts) {
      if (attempt.startedAt() != null) {
        edges.add(new Edge(attempt.startedAt(), +1));
        if (attempt.stoppedAt() != null) {
          edges.add(new Edge(attempt.stoppedAt(), -1));
        }
      }
    }
    edges.sort(Comparator.comparing(Edge::time).thenComparingInt(Edge::delta));
    List<RunningStep> steps = new ArrayList<>();
    int running = 0;
    for (Edge edge : edges) {
      running += edge.delta();
      if (!steps.isEmpty() && steps.get(steps.size() - 1).time().equals(edge.time())) {
        steps.set(steps.size() - 1, new RunningStep(edge.time(), running));
      } else {
        steps.add(new RunningStep(edge.time(), running));
      }
    }
    return List.copyOf(steps);
  }

  /** The most attempts RUNNING at one instant. */
  public static int max(List<JobAttempt> attempts) {
    return of(attempts).stream().mapToInt(RunningStep::running).max().orElse(0);
  }
}
