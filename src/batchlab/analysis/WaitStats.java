package batchlab.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Minimum, median, mean and maximum of a set of waits (the median of an even count is the mean of
 * the middle two).
 */
public record WaitStats(
    @JsonProperty("minSeconds") Duration min,
    @JsonProperty("medianSeconds") Duration median,
    @JsonProperty("meanSeconds") Duration mean,
    @JsonProperty("maxSeconds") Duration max,
    int count) {

  /** Empty when there is nothing to summarise. */
  public static Optional<WaitStats> of(Collection<Duration> waits) {
    if (waits.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = new ArrayList<>(waits);
    sorted.sort(null);
    int n = sorted.size();
    Duration median = n % 2 == 1
        ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    Duration total = sorted.stream().reduce(Duration.ZERO, Duration::plus);
    return Optional.of(new WaitStats(sorted.get(0), median, total.dividedBy(n), sorted.get(n - 1), n));
  }
}
