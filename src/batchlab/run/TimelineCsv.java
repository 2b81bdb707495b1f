package batchlab.run;

import batchlab.util.BadInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code timeline.csv}: one row per job attempt, RFC 4180 quoting, ISO-8601 times, empty for unknown; written and read here. */
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

  /** Reads what {@link #render} wrote. */
  public static List<JobAttempt> parse(String csv) {
    List<List<String>> rows = rows(csv);
    if (rows.isEmpty() || !String.join(",", rows.get(0)).equals(HEADER)) {
      throw new BadInputException("not a timeline.csv: the first line must be " + HEADER);
    }
    List<JobAttempt> attempts = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      if (r.size() != 12) {
        throw new BadInputException("timeline.csv row " + (attempts.size() + 2) + " has " + r.size()
            + " fields; every row has 12: " + HEADER);
      }
      Instant created = instant(r.get(3));
      attempts.add(new JobAttempt(r.get(0), r.get(1), Integer.parseInt(r.get(2)),
          JobState.parse(r.get(6)).orElse(JobState.SUBMITTED), blank(r.get(7)),
          r.get(8).isEmpty() ? null : Integer.valueOf(r.get(8)), created, created, instant(r.get(4)),
          instant(r.get(5)), blank(r.get(9)), blank(r.get(10)), blank(r.get(11))));
    }
    // A retry began waiting when the attempt before it stopped, as the watcher built it.
    List<JobAttempt> queued = new ArrayList<>();
    for (int i = 0; i < attempts.size(); i++) {
      JobAttempt a = attempts.get(i);
      JobAttempt before = i > 0 ? attempts.get(i - 1) : null;
      if (before != null && before.jobId().equals(a.jobId()) && before.stoppedAt() != null && a.attempt() > 1) {
        a = new JobAttempt(a.jobName(), a.jobId(), a.attempt(), a.status(), a.statusReason(), a.exitCode(),
            a.createdAt(), before.stoppedAt(), a.startedAt(), a.stoppedAt(), a.instance(), a.instanceType(),
            a.logStream());
      }
      queued.add(a);
    }
    return queued;
  }

  private static List<List<String>> rows(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
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
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  private static Instant instant(String text) {
    return text.isEmpty() ? null : Instant.parse(text);
  }

  private static String blank(String text) {
    return text.isEmpty() ? null : text;
  }

  private static String field(Object value) {
    String text = value instanceof Instant instant ? instant.toString() : Objects.toString(value, "");
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
