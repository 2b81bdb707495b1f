package batchlab.report;

import batchlab.util.Markup;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of strings rendered three ways (aligned text for the terminal, Markdown, HTML), numbers
 * right-aligned: for tables whose rows are not the experiment's {@link ComparisonRow}s, such as the
 * planner's.
 *
 * @param textColumns indexes of the columns that hold text (left-aligned); the rest are numbers
 */
public record Table(List<String> headers, List<List<String>> rows, List<Integer> textColumns) {

  public Table {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    textColumns = List.copyOf(textColumns);
  }

  public String text() {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    int[] widths = new int[headers.size()];
    for (List<String> line : all) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : all) {
      List<String> padded = new ArrayList<>();
      for (int c = 0; c < widths.length; c++) {
        String pad = " ".repeat(widths[c] - line.get(c).length());
        padded.add(textColumns.contains(c) ? line.get(c) + pad : pad + line.get(c));
      }
      out.append(String.join("  ", padded).stripTrailing()).append('\n');
    }
    return out.toString();
  }

  public String markdown() {
    StringBuilder out = new StringBuilder("| ").append(String.join(" | ", headers)).append(" |\n|");
    for (int c = 0; c < headers.size(); c++) {
      out.append(textColumns.contains(c) ? "---|" : "---:|");
    }
    out.append('\n');
    rows.forEach(row -> out.append("| ").append(String.join(" | ", row)).append(" |\n"));
    return out.toString();
  }

  public String html() {
    StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
    headers.forEach(h -> out.append("<th>").append(Markup.escape(h)).append("</th>"));
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        out.append("<td class=\"").append(textColumns.contains(c) ? "text" : "num").append("\">")
            .append(Markup.escape(row.get(c))).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }
}
