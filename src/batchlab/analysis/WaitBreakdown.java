package batchlab.analysis;

import batchlab.run.JobAttempt;
import batchlab.run.Sample;
import batchlab.run.WaitCause;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why the jobs waited: the queue's cause over time (from the watcher's polls) and each job's wait
 * (first attempt, createdAt to startedAt) split by the cause in force while it waited. A poll's cause
 * holds until the next poll; time no poll saw RUNNABLE jobs in (dispatch before the first poll, a
 * job's own container start) counts as {@link #UNATTRIBUTED}. On a run over several queues each job's
 * wait is split by its own queue's causes ({@link WaitsByQueue}).
 *
 * @param queue the queue whose jobs these are, as the run names it; null for the whole run
 * @param meanWait the mean wait per job
 * @param parts the mean wait per job for each cause, in the order the causes first appeared
 * @param causes the cause over time: one span per change; empty for the whole of a run over several queues
 *     (each queue has its own)
 */
public record WaitBreakdown(
    @JsonInclude(JsonInclude.Include.NON_NULL) String queue,
    @JsonProperty("meanWaitSeconds") Duration meanWait,
    List<Part> parts,
    List<Span> causes) {

  /** What the time no poll explained is. */
  public static final String UNATTRIBUTED = "for dispatch and container start";

  /** @param cause e.g. "for instances to boot", "at maxvCpus 4" ({@link WaitCause#describe()}) */
  public record Part(String cause, @JsonProperty("meanSeconds") Duration mean) {}

  /** The cause from {@code from} until {@code to} (the next change, or the last poll). */
  public record Span(Instant from, Instant to, WaitCause.Kind kind, String cause, String headJob) {}

  public WaitBreakdown {
    parts = List.copyOf(parts);
    causes = List.copyOf(causes);
  }

  /** For a run to one queue: empty when no job started, or no poll saw the queue. */
  public static Optional<WaitBreakdown> of(List<JobAttempt> attempts, List<Sample> samples) {
    return of(null, attempts, samples, (job, sample) -> sample.waitCause(), Sample::waitCause);
  }

  /**
   * @param queue the breakdown's queue; null for the whole run
   * @param causeOf the cause a sample gives for a job's wait
   * @param spansOf the cause over time to record; null for none
   */
  static Optional<WaitBreakdown> of(String queue, List<JobAttempt> attempts, List<Sample> samples,
      BiFunction<JobAttempt, Sample, WaitCause> causeOf, Function<Sample, WaitCause> spansOf) {
    List<JobAttempt> firsts = attempts.stream().filter(a -> a.attempt() == 1 && a.startedAt() != null).toList();
    if (firsts.isEmpty() || samples.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Duration> total = new LinkedHashMap<>();
    Duration all = Duration.ZERO;
    for (JobAttempt job : firsts) {
      Duration explained = Duration.ZERO;
      for (int i = 0; i < samples.size() - 1; i++) {
        WaitCause cause = causeOf.apply(job, samples.get(i));
        if (cause == null) {
          continue;
        }
        Duration overlap = overlap(job.queuedAt(), job.startedAt(), samples.get(i).time(), samples.get(i + 1).time());
        if (!overlap.isZero()) {
          total.merge(cause.describe(), overlap, Duration::plus);
          explained = explained.plus(overlap);
        }
      }
      Duration wait = Duration.between(job.queuedAt(), job.startedAt());
      all = all.plus(wait);
      if (wait.compareTo(explained) > 0) {
        total.merge(UNATTRIBUTED, wait.minus(explained), Duration::plus);
      }
    }
    int n = firsts.size();
    List<Part> parts = new ArrayList<>();
    total.forEach((cause, sum) -> parts.add(new Part(cause, sum.dividedBy(n))));
    // the unexplained rest last, so the line reads from the main causes
    parts.sort((a, b) -> Boolean.compare(a.cause().equals(UNATTRIBUTED), b.cause().equals(UNATTRIBUTED)));
    return Optional.of(new WaitBreakdown(queue, all.dividedBy(n), parts,
        spansOf == null ? List.of() : spans(samples, spansOf)));
  }

  /**
   * One line: "jobs waited 225 s on average: 97 s for instances to boot, 125 s at maxvCpus 4, 3 s ...", or
   * for one queue of several "jobs of queue default waited 357 s on average: ...".
   */
  public String line() {
    String split = parts.stream().filter(p -> p.mean().toMillis() >= 500)
        .map(p -> seconds(p.mean()) + " " + p.cause()).collect(Collectors.joining(", "));
    String whose = queue == null ? "jobs" : "jobs of queue " + queue;
    return whose + " waited " + seconds(meanWait) + " on average" + (split.isEmpty() ? "" : ": " + split);
  }

  private static List<Span> spans(List<Sample> samples, Function<Sample, WaitCause> causeOf) {
    List<Span> spans = new ArrayList<>();
    Instant end = samples.get(samples.size() - 1).time();
    for (int i = 0; i < samples.size(); i++) {
      WaitCause cause = causeOf.apply(samples.get(i));
      WaitCause before = i > 0 ? causeOf.apply(samples.get(i - 1)) : null;
      if (Objects.equals(key(cause), key(before))) {
        continue;
      }
      if (!spans.isEmpty() && spans.get(spans.size() - 1).to() == null) {
        Span open = spans.remove(spans.size() - 1);
        spans.add(new Span(open.from(), samples.get(i).time(), open.kind(), open.cause(), open.headJob()));
      }
      if (cause != null) {
        spans.add(new Span(samples.get(i).time(), null, cause.kind(), cause.describe(), cause.headJob()));
      }
    }
    if (!spans.isEmpty() && spans.get(spans.size() - 1).to() == null) {
      Span open = spans.remove(spans.size() - 1);
      spans.add(new Span(open.from(), end, open.kind(), open.cause(), open.headJob()));
    }
    return spans;
  }

  private static String key(WaitCause cause) {
    return cause == null ? null : cause.describe();
  }

  private static Duration overlap(Instant from, Instant to, Instant windowFrom, Instant windowTo) {
    Instant start = from.isAfter(windowFrom) ? from : windowFrom;
    Instant stop = to.isBefore(windowTo) ? to : windowTo;
    return stop.isAfter(start) ? Duration.between(start, stop) : Duration.ZERO;
  }

  private static String seconds(Duration d) {
    return Math.round(d.toMillis() / 1000.0) + " s";
  }
}
