package batchlab.report;

import batchlab.util.Durations;
import batchlab.run.RunJson;
import batchlab.util.Markup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an experiment report into a directory: one timeline and one activity chart per run (PNG),
 * {@code report.md} (the table, the verdicts, the charts as files), {@code report.html} (the same,
 * self-contained: CSS inline, charts as data URIs, no external reference, so it opens offline from
 * the file system) and {@code summary.json} (every figure, for scripts).
 */
public final class ReportWriter {

  public static final String HTML_FILE = "report.html";
  public static final String MARKDOWN_FILE = "report.md";
  public static final String SUMMARY_FILE = "summary.json";
  static final String TITLE = "AWS Batch: what happens when vCPUs run out";
  static final String COMPARISON_ALT = "Makespan against maxVcpus: observed, predicted by plan, ideal lower bound";

  private ReportWriter() {}

  public static ReportFiles write(ReportContent content, Path directory) {
    try {
      Files.createDirectories(directory);
      List<RenderedRun> rendered = new ArrayList<>();
      List<Path> charts = new ArrayList<>();
      for (ReportRun run : content.runs()) {
        RenderedRun r = RenderedRun.of(run);
        Files.write(directory.resolve(r.timelineFile()), r.timelinePng());
        Files.write(directory.resolve(r.activityFile()), r.activityPng());
        charts.add(directory.resolve(r.timelineFile()));
        charts.add(directory.resolve(r.activityFile()));
        if (r.groupPng() != null) {
          Files.write(directory.resolve(r.groupFile()), r.groupPng());
          charts.add(directory.resolve(r.groupFile()));
        }
        rendered.add(r);
      }
      Optional<MakespanComparison> comparison = MakespanComparison.of(content.runs());
      byte[] comparisonPng = comparison.map(MakespanComparison::png).orElse(null);
      if (comparisonPng != null) {
        Files.write(directory.resolve(MakespanComparison.CHART_FILE), comparisonPng);
        charts.add(directory.resolve(MakespanComparison.CHART_FILE));
      }
      Path json = directory.resolve(SUMMARY_FILE);
      Map<String, Object> summary = summary(content, rendered);
      comparison.ifPresent(c -> summary.put("makespanVsMaxVcpus", Map.of("points", c.points(),
          "chart", MakespanComparison.CHART_FILE)));
      RunJson.mapper().writeValue(json.toFile(), summary);
      Path markdown = Files.writeString(directory.resolve(MARKDOWN_FILE), markdown(content, rendered,
          comparisonPng != null));
      Path html = Files.writeString(directory.resolve(HTML_FILE), html(content, rendered, comparisonPng));
      return new ReportFiles(directory, html, markdown, json, charts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + directory + ": " + e.getMessage(), e);
    }
  }

  /** A run with its charts drawn. */
  private record RenderedRun(ReportRun run, ComparisonRow row, String timelineFile, byte[] timelinePng,
      String activityFile, byte[] activityPng, String groupFile, byte[] groupPng) {

    static RenderedRun of(ReportRun run) {
      ComparisonRow row = ComparisonRow.of(run);
      String heading = heading(run);
      byte[] timeline = TimelineChart.png(heading + ": one lane per job", run.watch().attempts(), run.origin(),
          run.end());
      byte[] activity = ActivityChart.png(heading + ": jobs and instances over time", run.watch().attempts(),
          run.watch().samples(), row.predictedConcurrency(), run.origin(), run.end());
      String by = GroupChart.splitOf(run.watch().run());
      String groupFile = by == null ? null : run.fileStem() + "-" + by + "s.png";
      byte[] groups = by == null ? null : GroupChart.png(groupChartTitle(run, by), run.watch().run(),
          run.watch().attempts(), by, run.origin(), run.end());
      return new RenderedRun(run, row, run.fileStem() + "-timeline.png", timeline, run.fileStem() + "-activity.png",
          activity, groupFile, groups);
    }
  }

  static String groupChartTitle(ReportRun run, String by) {
    return heading(run) + ": vCPUs RUNNING per " + by + " (stacked)";
  }

  /** The table by queue and share, then the stacked chart, for a run that has them (Markdown). */
  private static void groupsMarkdown(StringBuilder md, RenderedRun r) {
    if (r.run().summary().groups().isEmpty()) {
      return;
    }
    md.append("### By queue and share\n\n").append(GroupTable.of(r.run().summary().groups()).markdown())
        .append('\n').append(GroupTable.BUSY_NOTE).append(".\n\n");
    if (r.groupFile() != null) {
      md.append("![").append(heading(r.run())).append(": vCPUs per group](").append(r.groupFile()).append(")\n\n");
    }
  }

  private static void groupsHtml(StringBuilder html, RenderedRun r) {
    if (r.run().summary().groups().isEmpty()) {
      return;
    }
    html.append("<h3>By queue and share</h3>\n").append(GroupTable.of(r.run().summary().groups()).html())
        .append("<p>").append(Markup.escape(GroupTable.BUSY_NOTE)).append(".</p>\n");
    if (r.groupPng() != null) {
      image(html, groupChartTitle(r.run(), GroupChart.splitOf(r.run().watch().run())), r.groupPng());
    }
  }

  static String heading(ReportRun run) {
    return "Run " + run.number() + ", max vCPU " + run.maxVcpus();
  }

  private static String intro(ReportContent content) {
    return "Target: " + content.target() + ". Started " + content.startedAt() + ", took "
        + Durations.seconds(content.wallTime()) + " (wall clock). Times in the table and charts are on the "
        + "server's clock, in seconds since each run's first submit.";
  }

  private static String partialNotice(ReportContent content) {
    return "PARTIAL REPORT: " + content.partialReason() + ". It shows the runs as far as they got.";
  }

  private static Map<String, Object> summary(ReportContent content, List<RenderedRun> rendered) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("partial", content.partial());
    root.put("partialReason", content.partialReason());
    root.put("target", content.target());
    root.put("startedAt", content.startedAt());
    root.put("wallSeconds", content.wallTime());
    root.put("settings", content.settings());
    List<Map<String, Object>> runs = new ArrayList<>();
    for (RenderedRun r : rendered) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("number", r.run().number());
      run.put("maxVcpus", r.run().maxVcpus());
      run.put("runId", r.run().watch().run().runId());
      run.put("jobQueue", r.run().watch().run().jobQueue());
      run.put("jobDefinition", r.run().watch().run().jobDefinition());
      run.put("swapMethod", r.run().swapMethod());
      run.put("swapEvents", r.run().swapEvents());
      run.put("comparison", r.row());
      run.put("summary", r.run().summary());
      if (r.run().calibration() != null) {
        run.put("calibration", r.run().calibration());
      }
      if (!r.run().twin().isEmpty()) {
        run.put("twin", r.run().twin());
      }
      Map<String, String> charts = new LinkedHashMap<>();
      charts.put("timeline", r.timelineFile());
      charts.put("activity", r.activityFile());
      if (r.groupFile() != null) {
        charts.put("groups", r.groupFile());
      }
      run.put("charts", charts);
      runs.add(run);
    }
    root.put("runs", runs);
    return root;
  }

  private static String markdown(ReportContent content, List<RenderedRun> rendered, boolean comparisonChart) {
    StringBuilder md = new StringBuilder("# ").append(TITLE).append("\n\n");
    if (content.partial()) {
      md.append("> **").append(partialNotice(content)).append("**\n\n");
    }
    md.append(intro(content)).append("\n\n");
    content.settings().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append('\n').append(ComparisonTable.markdown(content.rows())).append('\n');
    String note = ComparisonTable.assumedSpotNote(content.rows());
    if (!note.isEmpty()) {
      md.append(note).append("\n\n");
    }
    if (comparisonChart) {
      md.append("![").append(COMPARISON_ALT).append("](").append(MakespanComparison.CHART_FILE).append(")\n\n");
    }
    for (RenderedRun r : rendered) {
      md.append("## ").append(heading(r.run())).append("\n\n");
      md.append("Verdict: ").append(r.row().verdictDetail()).append("\n\n");
      if (!r.run().swapEvents().isEmpty()) {
        md.append(swapHeading(r.run())).append(":\n\n");
        r.run().swapEvents().forEach(line -> md.append("    ").append(line).append('\n'));
        md.append('\n');
      }
      waitLine(r.run()).ifPresent(line -> md.append("Waits: ").append(line).append("\n\n"));
      List<String> queueWaits = queueWaitLines(r.run());
      queueWaits.forEach(line -> md.append("- ").append(line).append('\n'));
      if (!queueWaits.isEmpty()) {
        md.append('\n');
      }
      if (!r.run().twinLines().isEmpty()) {
        md.append("### Twin vs this run\n\n");
        r.run().twinLines().forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
      }
      md.append("![").append(heading(r.run())).append(": timeline](").append(r.timelineFile()).append(")\n\n");
      md.append("![").append(heading(r.run())).append(": activity](").append(r.activityFile()).append(")\n\n");
      groupsMarkdown(md, r);
    }
    return md.toString();
  }

  private static String html(ReportContent content, List<RenderedRun> rendered, byte[] comparisonPng) {
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>batch-lab experiment report</title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1080px;
               padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; }
        th { background: #f3f3f3; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.ok { color: #1b6e2a; } td.warn { color: #9a5b00; }
        .partial { background: #fff3cd; border: 1px solid #e0b400; padding: 0.6rem 1rem; font-weight: bold; }
        img { max-width: 100%; height: auto; display: block; margin: 0.8rem 0; border: 1px solid #eee; }
        .verdict { font-style: italic; }
        </style>
        </head>
        <body>
        """);
    html.append("<h1>").append(Markup.escape(TITLE)).append("</h1>\n");
    if (content.partial()) {
      html.append("<p class=\"partial\">").append(Markup.escape(partialNotice(content))).append("</p>\n");
    }
    html.append("<p>").append(Markup.escape(intro(content))).append("</p>\n<ul>\n");
    content.settings().forEach((k, v) ->
        html.append("<li>").append(Markup.escape(k)).append(": ").append(Markup.escape(String.valueOf(v)))
            .append("</li>\n"));
    html.append("</ul>\n").append(ComparisonTable.html(content.rows()));
    String note = ComparisonTable.assumedSpotNote(content.rows());
    if (!note.isEmpty()) {
      html.append("<p>").append(Markup.escape(note)).append("</p>\n");
    }
    if (comparisonPng != null) {
      image(html, COMPARISON_ALT, comparisonPng);
    }
    for (RenderedRun r : rendered) {
      String heading = heading(r.run());
      html.append("<section>\n<h2>").append(Markup.escape(heading)).append("</h2>\n");
      html.append("<p class=\"verdict\">Verdict: ").append(Markup.escape(r.row().verdictDetail())).append("</p>\n");
      if (!r.run().swapEvents().isEmpty()) {
        html.append("<p>").append(Markup.escape(swapHeading(r.run()))).append(":</p>\n<pre>");
        r.run().swapEvents().forEach(line -> html.append(Markup.escape(line)).append('\n'));
        html.append("</pre>\n");
      }
      waitLine(r.run()).ifPresent(line -> html.append("<p>Waits: ").append(Markup.escape(line)).append("</p>\n"));
      List<String> queueWaits = queueWaitLines(r.run());
      if (!queueWaits.isEmpty()) {
        html.append("<ul>\n");
        queueWaits.forEach(line -> html.append("<li>").append(Markup.escape(line)).append("</li>\n"));
        html.append("</ul>\n");
      }
      if (!r.run().twinLines().isEmpty()) {
        html.append("<h3>Twin vs this run</h3>\n<ul>\n");
        r.run().twinLines().forEach(line -> html.append("<li>").append(Markup.escape(line)).append("</li>\n"));
        html.append("</ul>\n");
      }
      image(html, heading + ": timeline, one lane per job", r.timelinePng());
      image(html, heading + ": jobs RUNNING, RUNNABLE and instances over time", r.activityPng());
      groupsHtml(html, r);
      html.append("</section>\n");
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static String swapHeading(ReportRun run) {
    return "max vCPU " + run.maxVcpus() + " applied with " + run.swapMethod() + ", the stack update's events";
  }

  /** "jobs waited 225 s on average: 97 s for instances to boot, ..." when the watch saw why. */
  private static java.util.Optional<String> waitLine(ReportRun run) {
    return java.util.Optional.ofNullable(run.summary().waitCauses()).map(w -> w.line());
  }

  /** On a run over several queues, "jobs of queue default waited 357 s on average: ..." per queue; else none. */
  private static List<String> queueWaitLines(ReportRun run) {
    return run.summary().waitCausesByQueue().stream().map(w -> w.line()).toList();
  }

  private static void image(StringBuilder html, String alt, byte[] png) {
    html.append("<img alt=\"").append(Markup.escape(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
  }
}
