package batchlab.analysis;

import batchlab.util.Durations;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One calibrated delay: the median of its observations with their range, or why it was not fitted.
 *
 * @param name what it is, e.g. "instance boot"
 * @param value the median; null when refused
 * @param min the smallest observation; null when refused
 * @param max the largest observation; null when refused
 * @param observations how many observations there were (also when refused)
 * @param source how each observation was measured
 * @param refused why no value is given (too few observations, data not recorded); null when fitted
 */
public record Figure(
    String name,
    @JsonProperty("valueSeconds") Duration value,
    @JsonProperty("minSeconds") Duration min,
    @JsonProperty("maxSeconds") Duration max,
    int observations,
    String source,
    String refused) {

  /**
   * The median of {@code values}, refused below {@code minimum} observations.
   *
   * @param missing why there are none, when {@code values} is empty for want of data (not of jobs)
   */
  static Figure of(String name, String source, List<Duration> values, int minimum, String missing) {
    if (values.size() < minimum) {
      String why = values.isEmpty() && missing != null ? missing
          : values.size() + (values.size() == 1 ? " observation" : " observations") + " (" + source
              + "), at least " + minimum + " needed";
      return new Figure(name, null, null, null, values.size(), source, why);
    }
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    Duration median = n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    return new Figure(name, median, sorted.get(0), sorted.get(n - 1), n, source, null);
  }

  public boolean fitted() {
    return value != null;
  }

  /** "instance boot  150 s  (149.8 s to 150.2 s, 10 observations: ...)" or "... not fitted: why". */
  public String line() {
    if (!fitted()) {
      return String.format("%-16s not fitted: %s", name, refused);
    }
    return String.format("%-16s %8s  (%s to %s, %d observations: %s)", name, Durations.seconds(value),
        Durations.seconds(min), Durations.seconds(max), observations, source);
  }
}
