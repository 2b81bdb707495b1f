package batchlab.report;

import java.nio.file.Path;
import java.util.List;

/** What {@link ReportWriter} wrote. */
public record ReportFiles(Path directory, Path html, Path markdown, Path summaryJson, List<Path> charts) {

  public ReportFiles {
    charts = List.copyOf(charts);
  }
}
