package batchlab.report;

import batchlab.util.Durations;
import batchlab.util.Markup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison table in its three forms (terminal, Markdown, HTML), all from the same cells so they
 * always agree.
 */
public final class ComparisonTable {

  static final List<String> HEADERS = List.of("max vCPU", "jobs", "max running", "waves", "makespan",
      "ideal makespan", "efficiency", "peak instances", "mean RUNNABLE wait", "plan makespan", "cost USD",
      "boot+idle", "USD/job", "verdict");
  /** The last column (verdict) is text; every other column is a number and right-aligned. */
  private static final int TEXT_COLUMN = HEADERS.size() - 1;

  private ComparisonTable() {}

  static List<String> cells(ComparisonRow row) {
    return List.of(
        Integer.toString(row.maxVcpus()),
        Integer.toString(row.jobs()),
        Integer.toString(row.maxRunning()),
        Integer.toString(row.waves()),
        Durations.seconds(row.makespan()),
        Durations.seconds(row.idealMakespan()),
        row.efficiency() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", row.efficiency() * 100),
        Integer.toString(row.peakInstances()),
        Durations.seconds(row.meanRunnableWait()),
        row.plannedMakespan() == null ? "-"
            : Durations.seconds(Duration.ofMillis(Math.round(row.plannedMakespan() * 1000))),
        row.costUsd() == null ? "-" : String.format(Locale.ROOT, "%.4f", row.costUsd())
            + (row.spotPriceAssumed() ? "*" : ""),
        row.bootAndIdleShare() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", row.bootAndIdleShare() * 100),
        row.costPerJobUsd() == null ? "-" : String.format(Locale.ROOT, "%.5f", row.costPerJobUsd()),
        row.verdict());
  }

  /** The line under the table that says what a {@code *} on a cost means, when one does. */
  public static String assumedSpotNote(List<ComparisonRow> rows) {
    return rows.stream().anyMatch(ComparisonRow::spotPriceAssumed)
        ? "* cost with an ASSUMED spot price (see the prices in the settings)" : "";
  }

  /** Aligned plain text for the terminal. */
  public static String text(List<ComparisonRow> rows) {
    List<List<String>> table = new ArrayList<>();
    table.add(HEADERS);
    rows.forEach(r -> table.add(cells(r)));
    int[] widths = new int[HEADERS.size()];
    for (List<String> line : table) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : table) {
      List<String> padded = new ArrayList<>();
      for (int c = 0; c < widths.length; c++) {
        String cell = line.get(c);
        padded.add(c == TEXT_COLUMN ? cell : " ".repeat(widths[c] - cell.length()) + cell);
      }
      out.append(String.join("  ", padded).stripTrailing()).append('\n');
    }
    return out.toString();
  }

  public static String markdown(List<ComparisonRow> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", HEADERS)).append(" |\n|");
    for (int c = 0; c < HEADERS.size(); c++) {
      out.append(c == TEXT_COLUMN ? "---|" : "---:|");
    }
    out.append('\n');
    for (ComparisonRow row : rows) {
      out.append("| ").append(String.join(" | ", cells(row))).append(" |\n");
    }
    return out.toString();
  }

  public static String html(List<ComparisonRow> rows) {
    StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
    HEADERS.forEach(h -> out.append("<th>").append(Markup.escape(h)).append("</th>"));
    out.append("</tr></thead>\n<tbody>\n");
    for (ComparisonRow row : rows) {
      out.append("<tr>");
      List<String> cells = cells(row);
      for (int c = 0; c < cells.size(); c++) {
        String css = c == TEXT_COLUMN ? (ComparisonRow.AS_PREDICTED.equals(row.verdict()) ? "ok" : "warn") : "num";
        out.append("<td class=\"").append(css).append("\">").append(Markup.escape(cells.get(c))).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }

}
