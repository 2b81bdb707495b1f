package batchlab.run;

import batchlab.util.BadInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code timeline.csv}: one row per job attempt, RFC 4180 quoting, ISO-8601 times, empty for unknown.
 * Written after every watch, and read back by the next one, which merges what it sees into it.
 */
public final class TimelineCsv {

  public static final String HEADER = "name,id,attempt,createdAt,startedAt,stoppedAt,status,statusReason,exitCode,"
      + "instance,instanceType,logStream";

  private TimelineCsv() {}

  public static String render(List<JobAttempt> attempts) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (JobAttempt a : attempts) {
      csv.append(Stream.of(a.jobName(), a.jobId(), a.attempt(), a.createdAt(), a.startedAt(), a.stoppedAt(),
              a.status(), a.statusReason(), a.exitCode(), a.instance(), a.instanceType(), a.logStream())
          .map(TimelineCsv::field)
          .collect(Collectors.joining(",")))
          .append('\n');
    }
    return csv.toString();
  }

  /**
   * Reads back what {@link #render} wrote. The file has no queuedAt column: it is the rule the watcher
   * builds it by, createdAt for a job's first attempt and the previous attempt's stoppedAt for a retry.
   *
   * @throws IllegalArgumentException naming the line that is not a timeline row
   */
  public static List<JobAttempt> parse(String csv) {
    List<List<String>> rows = records(csv);
    if (rows.isEmpty() || !String.join(",", rows.get(0)).equals(HEADER)) {
      throw new IllegalArgumentException("the first line is not the header " + HEADER);
    }
    List<JobAttempt> attempts = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> f = rows.get(i);
      if (f.size() != COLUMNS) {
        throw new IllegalArgumentException("row " + i + " has " + f.size() + " fields, not " + COLUMNS);
      }
      try {
        int attempt = Integer.parseInt(f.get(2));
        Instant created = Instant.parse(f.get(3));
        JobAttempt previous = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        boolean retry = previous != null && previous.jobId().equals(f.get(1)) && previous.attempt() == attempt - 1;
        Instant queued = retry && previous.stoppedAt() != null ? previous.stoppedAt() : created;
        attempts.add(new JobAttempt(f.get(0), f.get(1), attempt, JobState.valueOf(f.get(6)), text(f.get(7)),
            f.get(8).isEmpty() ? null : Integer.valueOf(f.get(8)), created, queued, instant(f.get(4)),
            instant(f.get(5)), text(f.get(9)), text(f.get(10)), text(f.get(11))));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("row " + i + " is not a timeline row: " + e.getMessage(), e);
      }
    }
    return attempts;
  }

  private static final int COLUMNS = HEADER.split(",").length;

  private static String text(String field) {
    return field.isEmpty() ? null : field;
  }

  private static Instant instant(String field) {
    return field.isEmpty() ? null : Instant.parse(field);
  }

  /** RFC 4180 records: fields split on commas, quoted fields may hold commas, quotes ("") and line breaks. */
  private static List<List<String>> records(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      any = true;
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        any = false;
      } else {
        field.append(c);
      }
    }
    if (any) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  private static String field(Object value) {
    String text = value instanceof Instant instant ? instant.toString() : Objects.toString(value, "");
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
