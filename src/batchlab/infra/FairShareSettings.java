package batchlab.infra;

import batchlab.batch.BatchLimits;
import batchlab.batch.ShareIdentifiers;
import batchlab.util.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The fair-share scheduling policy of {@code -c fairShare=true}: share weights, shareDecaySeconds and
 * computeReservation, checked against the API Reference's FairsharePolicy and ShareAttributes ranges
 * (in BatchLimits and ShareIdentifiers). A value AWS leaves out stays out of the template.
 */
public record FairShareSettings(List<Share> shares, OptionalInt shareDecaySeconds, OptionalInt computeReservation) {

  /** One ShareAttributes entry: an identifier, or a prefix ending in {@code *}, and its weight factor. */
  public record Share(String identifier, double weightFactor) {}

  private static final Pattern ITEM = Pattern.compile("([^:,]+):([^:,]+)");
  private static final String ALLOWED = "ID:WEIGHT, comma-separated; ID 1-" + BatchLimits.SHARE_IDENTIFIER_MAX_LENGTH
      + " letters and digits, optionally followed by *; WEIGHT " + ShareIdentifiers.plain(BatchLimits.SHARE_WEIGHT_MIN)
      + " to " + ShareIdentifiers.plain(BatchLimits.SHARE_WEIGHT_MAX);

  public FairShareSettings {
    shares = List.copyOf(shares);
  }

  /**
   * The policy, if {@code fairShare=true}. Its other keys without fairShare=true are refused: a FIFO
   * queue has no shares, no decay and no reservation, so the value would be silently lost.
   */
  static Optional<FairShareSettings> fromContext(ContextValues values) {
    if (!values.bool(ContextKey.FAIR_SHARE)) {
      for (ContextKey key : List.of(ContextKey.SHARES, ContextKey.SHARE_DECAY_SECONDS, ContextKey.COMPUTE_RESERVATION)) {
        if (values.given(key)) {
          throw new BadInputException(key.key() + "=" + values.spelled(key) + " needs fairShare=true: without it "
              + "every queue is FIFO and has no scheduling policy (allowed: add -c fairShare=true, or leave "
              + key.key() + " out)");
        }
      }
      return Optional.empty();
    }
    return Optional.of(new FairShareSettings(
        shares(values),
        values.optionalInteger(ContextKey.SHARE_DECAY_SECONDS, 0, BatchLimits.SHARE_DECAY_SECONDS_MAX),
        values.optionalInteger(ContextKey.COMPUTE_RESERVATION, 0, BatchLimits.COMPUTE_RESERVATION_MAX)));
  }

  private static List<Share> shares(ContextValues values) {
    List<String> items = values.optionalList(ContextKey.SHARES, ITEM, ALLOWED).orElse(List.of());
    String spelled = ContextKey.SHARES.key() + "=" + values.spelled(ContextKey.SHARES);
    // The API caps active identifiers per queue, not entries; a longer list could never all be in use.
    if (items.size() > BatchLimits.SHARES_ACTIVE_PER_QUEUE_MAX) {
      throw new BadInputException(ContextKey.SHARES.key() + " lists " + items.size() + " shares (allowed: at most "
          + BatchLimits.SHARES_ACTIVE_PER_QUEUE_MAX + ", the active shares a queue may have)");
    }
    List<Share> shares = new ArrayList<>();
    try {
      for (String item : items) {
        var match = ITEM.matcher(item);
        match.matches();
        String identifier = match.group(1);
        double weight = weight(spelled, item, match.group(2));
        shares.add(new Share(identifier, ShareIdentifiers.requireWeight(identifier, weight)));
      }
      ShareIdentifiers.requirePolicyEntries(shares.stream().map(Share::identifier).toList());
    } catch (BadInputException e) {
      throw e.getMessage().startsWith(spelled) ? e : new BadInputException(spelled + ": " + e.getMessage());
    }
    return shares;
  }

  private static double weight(String spelled, String item, String text) {
    try {
      double weight = Double.parseDouble(text);
      if (Double.isFinite(weight) && text.matches("[0-9.]+")) {
        return weight;
      }
    } catch (NumberFormatException e) {
      // reported below, with the item
    }
    throw new BadInputException(spelled + ": item '" + item + "' is not allowed (allowed: " + ALLOWED + ")");
  }
}
