package batchlab.submit;

import batchlab.batch.ShareIdentifiers;
import batchlab.util.BadInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --mix} grammar: comma-separated entries {@code [QUEUE/][SHARE]:COUNT}, at least one of
 * QUEUE and SHARE. {@code teamA:20} is 20 jobs of share teamA on the run's queue, {@code high/teamA:10}
 * 10 of teamA on queue high, {@code high/:10} 10 without a share on queue high. The count follows the
 * last {@code :} and the share the last {@code /}, so a queue ARN (which holds both) works as QUEUE
 * too; a share identifier holds only letters and digits, so the split is never ambiguous.
 */
public final class JobMix {

  static final String SYNTAX = "write SHARE:COUNT, QUEUE/SHARE:COUNT or QUEUE/:COUNT, comma-separated "
      + "(e.g. teamA:20,teamB:20 or low/:10,high/:10)";

  /**
   * One entry.
   *
   * @param queue a lab queue name, a queue name or ARN; null for the run's queue
   * @param share the share identifier; null for none
   * @param count jobs, at least 1
   */
  public record Entry(String queue, String share, int count) {}

  private JobMix() {}

  /** Parses {@code spec}; throws a one-line BadInputException naming the bad entry and the grammar. */
  public static List<Entry> parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new BadInputException("--mix '" + (spec == null ? "" : spec) + "' is empty: " + SYNTAX);
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String text : spec.split(",", -1)) {
      Entry entry = entry(text.strip());
      if (!seen.add((entry.queue() == null ? "" : entry.queue()) + "/" + entry.share())) {
        throw new BadInputException("--mix entry '" + text.strip() + "' repeats an earlier queue and share: "
            + "give each once, with the sum of its jobs");
      }
      entries.add(entry);
    }
    return List.copyOf(entries);
  }

  private static Entry entry(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw bad(text, "no :COUNT");
    }
    int count = count(text, text.substring(colon + 1));
    String target = text.substring(0, colon);
    int slash = target.lastIndexOf('/');
    String queue = slash < 0 ? null : target.substring(0, slash);
    String share = slash < 0 ? target : target.substring(slash + 1);
    if (queue != null && queue.isBlank()) {
      throw bad(text, "no queue before /");
    }
    if (share.isEmpty()) {
      if (queue == null) {
        throw bad(text, "neither a queue nor a share");
      }
      share = null;
    } else if (!ShareIdentifiers.JOB_SHARE.matcher(share).matches()) {
      throw new BadInputException("--mix entry '" + text + "': " + badShare(share));
    }
    return new Entry(queue, share, count);
  }

  private static int count(String text, String count) {
    try {
      int n = Integer.parseInt(count);
      if (n >= 1 && n <= SubmitRequest.MAX_JOBS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(text, "the count '" + count + "' is not a whole number from 1 to " + SubmitRequest.MAX_JOBS);
  }

  private static String badShare(String share) {
    try {
      ShareIdentifiers.requireJobShare(share);
      return "";
    } catch (BadInputException e) {
      return e.getMessage();
    }
  }

  private static BadInputException bad(String text, String why) {
    return new BadInputException("--mix entry '" + text + "' is not valid (" + why + "): " + SYNTAX);
  }
}
