package batchlab.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code timeline.csv}: one row per job attempt, RFC 4180 quoting, ISO-8601 times, empty for unknown. */
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

  private static String field(Object value) {
    String text = value instanceof Instant instant ? instant.toString() : Objects.toString(value, "");
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
