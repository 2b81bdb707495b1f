package batchlab.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one experiment report shows.
 *
 * @param target where the runs ran ("local emulator at 60x", "AWS us-east-1", ...)
 * @param settings the experiment's settings, for the record (name to value, in display order)
 * @param startedAt when the experiment began (wall clock)
 * @param wallTime how long it took (wall clock)
 * @param partialReason null for a complete experiment; else why it stopped early (the report is then
 *     marked partial)
 * @param runs the runs, in order; the last one may be incomplete in a partial report
 */
public record ReportContent(
    String target, Map<String, Object> settings, Instant startedAt, Duration wallTime, String partialReason,
    List<ReportRun> runs) {

  public ReportContent {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(wallTime, "wallTime");
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    runs = List.copyOf(runs);
  }

  public boolean partial() {
    return partialReason != null;
  }

  public List<ComparisonRow> rows() {
    return runs.stream().map(ComparisonRow::of).toList();
  }
}
