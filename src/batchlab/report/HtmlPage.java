package batchlab.report;

import batchlab.util.Markup;
import java.util.Base64;

/** A self-contained HTML report page (inline style, images as data: URIs), built in order. */
public final class HtmlPage {

  private final StringBuilder html = new StringBuilder();

  public HtmlPage(String title) {
    html.append("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>""").append(Markup.escape(title)).append("""
        </title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1080px;
               padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; }
        th { background: #f3f3f3; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        code { background: #f6f6f6; padding: 0.1rem 0.3rem; }
        img { max-width: 100%; height: auto; display: block; margin: 0.8rem 0; border: 1px solid #eee; }
        </style>
        </head>
        <body>
        """).append("<h1>").append(Markup.escape(title)).append("</h1>\n");
  }

  public HtmlPage heading(String text) {
    html.append("<h2>").append(Markup.escape(text)).append("</h2>\n");
    return this;
  }

  public HtmlPage paragraph(String text) {
    html.append("<p>").append(Markup.escape(text)).append("</p>\n");
    return this;
  }

  public HtmlPage code(String text) {
    html.append("<p><code>").append(Markup.escape(text)).append("</code></p>\n");
    return this;
  }

  public HtmlPage table(Table table) {
    html.append(table.html());
    return this;
  }

  public HtmlPage image(String alt, byte[] png) {
    html.append("<img alt=\"").append(Markup.escape(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    return this;
  }

  public String render() {
    return html + "</body>\n</html>\n";
  }
}
