package batchlab.analysis;

import batchlab.run.JobState;
import batchlab.run.RunRecord;
import batchlab.util.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The summary as people read it: final statuses, observed vs predicted side by side, waits, verdict, failures. */
public final class SummaryText {

  private SummaryText() {}

  public static String render(RunSummary s, RunRecord run) {
    StringBuilder text = new StringBuilder();
    text.append("run ").append(s.runId()).append(": ").append(s.jobs()).append(s.jobs() == 1 ? " job" : " jobs")
        .append(run.array() ? " (one array job)" : "").append(", ").append(s.outcome()).append('\n');
    StringJoiner statuses = new StringJoiner(", ");
    for (Map.Entry<JobState, Integer> e : s.byStatus().entrySet()) {
      if (e.getValue() > 0) {
        statuses.add(e.getKey() + " " + e.getValue());
      }
    }
    text.append("jobs by status: ").append(statuses.length() == 0 ? "none seen" : statuses.toString()).append('\n');

    Prediction p = s.prediction();
    boolean predicted = p != null && p.runnable();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "observed", "predicted"});
    rows.add(new String[] {"running at once", String.valueOf(s.maxRunning()), predicted ? String.valueOf(p.concurrency()) : "-"});
    rows.add(new String[] {"waves", String.valueOf(s.waves()), predicted ? String.valueOf(p.waves()) : "-"});
    rows.add(new String[] {"makespan", s.makespan() == null ? "-" : Durations.seconds(s.makespan()),
        predicted && p.idealMakespan() != null ? Durations.seconds(p.idealMakespan()) + " (ideal)" : "-"});
    rows.add(new String[] {"peak instances", String.valueOf(s.peakInstances()),
        predicted ? p.instances() + " x " + p.instanceType() : "-"});
    rows.add(new String[] {"peak desiredvCpus", String.valueOf(s.peakDesiredVcpus()),
        p != null ? "max " + p.maxVcpus() : "-"});
    for (String[] row : rows) {
      text.append(String.format("  %-18s %10s   %s%n", row[0], row[1], row[2]));
    }
    WaitStats wait = s.runnableWait();
    text.append("RUNNABLE wait per job: ").append(wait == null ? "no job started"
        : "min " + Durations.seconds(wait.min()) + ", median " + Durations.seconds(wait.median()) + ", max "
            + Durations.seconds(wait.max())).append('\n');
    groupLines(s.groups(), text);
    // one line per queue on a run over several queues: each queue waited for its own reasons
    s.waitCausesByQueue().forEach(w -> text.append(w.line()).append('\n'));
    text.append("verdict: ").append(s.verdict()).append('\n');
    if (!s.failed().isEmpty()) {
      text.append("failed jobs:\n");
      for (FailedJob f : s.failed()) {
        text.append("  ").append(f.name()).append(" (").append(f.id()).append("): ")
            .append(f.statusReason() == null ? "no status reason" : f.statusReason())
            .append(f.exitCode() == null ? "" : ", exit code " + f.exitCode())
            .append(f.logStream() == null ? ", no log stream"
                : ", log stream " + f.logStream() + (run.logGroup() == null ? "" : " in " + run.logGroup()))
            .append('\n');
      }
    }
    return text.toString();
  }

  /** One small table per split (by queue, by share), only for runs that have one. */
  static void groupLines(List<GroupFigures> groups, StringBuilder text) {
    String by = null;
    for (GroupFigures g : groups) {
      if (!g.by().equals(by)) {
        by = g.by();
        text.append(String.format("by %-10s %6s %11s %13s %12s %9s%n", by, "jobs", "peak vCPUs", "busy vCPUs*",
            "median wait", "makespan"));
      }
      text.append(String.format("  %-11s %6d %11d %13s %12s %9s%n", g.name(), g.jobs(), g.peakRunningVcpus(),
          g.meanRunningVcpusContended() == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f",
              g.meanRunningVcpusContended()),
          g.runnableWait() == null ? "-" : Durations.seconds(g.runnableWait().median()),
          g.makespan() == null ? "-" : Durations.seconds(g.makespan())));
    }
    if (!groups.isEmpty()) {
      text.append("  * mean vCPUs RUNNING while every queue or share of the split had work\n");
    }
  }
}
