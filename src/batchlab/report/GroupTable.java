package batchlab.report;

import batchlab.analysis.GroupFigures;
import batchlab.util.Durations;
import java.util.List;
import java.util.Locale;

/** The report's table of a run's figures by queue and by share, one row per queue or share. */
final class GroupTable {

  static final String BUSY_NOTE = "busy vCPUs: mean vCPUs RUNNING while every queue or share of the split had work";

  private GroupTable() {}

  static Table of(List<GroupFigures> groups) {
    List<List<String>> rows = groups.stream().map(g -> List.of(g.by(), g.name(), String.valueOf(g.jobs()),
        String.valueOf(g.peakRunningVcpus()),
        g.meanRunningVcpusContended() == null ? "-"
            : String.format(Locale.ROOT, "%.2f", g.meanRunningVcpusContended()),
        g.runnableWait() == null ? "-" : Durations.seconds(g.runnableWait().median()),
        g.runnableWait() == null ? "-" : Durations.seconds(g.runnableWait().max()),
        g.makespan() == null ? "-" : Durations.seconds(g.makespan()))).toList();
    return new Table(List.of("by", "name", "jobs", "peak vCPUs", "busy vCPUs", "median wait", "max wait",
        "makespan"), rows, List.of(0, 1));
  }
}
