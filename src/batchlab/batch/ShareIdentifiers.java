package batchlab.batch;

import batchlab.util.BadInputException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fair-share identifiers (API Reference: ShareAttributes, SubmitJob shareIdentifier): at most 255
 * letters and digits; in a policy an entry may end in {@code *} to give every identifier with that
 * prefix its weight, and the entries of one policy may not overlap ({@code UserA*} and {@code UserA1}).
 * One definition for the stack's checks, the emulator and the client.
 */
public final class ShareIdentifiers {

  /** What SubmitJob accepts as a job's share identifier. */
  public static final Pattern JOB_SHARE = Pattern.compile("[A-Za-z0-9]{1," + BatchLimits.SHARE_IDENTIFIER_MAX_LENGTH + "}");

  /** What a policy's ShareAttributes accepts: the same, optionally followed by one {@code *}. */
  public static final Pattern POLICY_ENTRY =
      Pattern.compile("[A-Za-z0-9]{1," + BatchLimits.SHARE_IDENTIFIER_MAX_LENGTH + "}\\*?");

  private ShareIdentifiers() {}

  /** Whether the policy entry {@code entry} (an identifier or a prefix ending in *) covers {@code share}. */
  public static boolean covers(String entry, String share) {
    return entry.endsWith("*")
        ? share.startsWith(entry.substring(0, entry.length() - 1))
        : entry.equals(share);
  }

  /** Whether two policy entries would both cover some identifier (the overlap AWS refuses). */
  public static boolean overlap(String a, String b) {
    String pa = a.endsWith("*") ? a.substring(0, a.length() - 1) : null;
    String pb = b.endsWith("*") ? b.substring(0, b.length() - 1) : null;
    if (pa == null && pb == null) {
      return a.equals(b);
    }
    if (pa != null && pb != null) {
      return pa.startsWith(pb) || pb.startsWith(pa);
    }
    return pa != null ? b.startsWith(pa) : a.startsWith(pb);
  }

  /** Returns {@code share} or throws a one-line BadInputException naming it. */
  public static String requireJobShare(String share) {
    if (share == null || !JOB_SHARE.matcher(share).matches()) {
      throw new BadInputException("share identifier '" + share + "' is not valid: 1-"
          + BatchLimits.SHARE_IDENTIFIER_MAX_LENGTH + " letters and digits");
    }
    return share;
  }

  /**
   * Checks a policy's entries: each a valid identifier or prefix, no two overlapping. Throws a one-line
   * BadInputException naming the first bad entry.
   */
  public static void requirePolicyEntries(List<String> entries) {
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      if (entry == null || !POLICY_ENTRY.matcher(entry).matches()) {
        throw new BadInputException("share identifier '" + entry + "' is not valid: 1-"
            + BatchLimits.SHARE_IDENTIFIER_MAX_LENGTH + " letters and digits, optionally followed by *");
      }
      for (int j = 0; j < i; j++) {
        if (overlap(entries.get(j), entry)) {
          throw new BadInputException("share identifiers '" + entries.get(j) + "' and '" + entry
              + "' overlap: the identifiers of one policy must not cover the same share");
        }
      }
    }
  }

  /** Returns {@code weight} or throws a one-line BadInputException naming it and the allowed range. */
  public static double requireWeight(String share, double weight) {
    if (!(weight >= BatchLimits.SHARE_WEIGHT_MIN && weight <= BatchLimits.SHARE_WEIGHT_MAX)) {
      throw new BadInputException("weight factor " + plain(weight) + " of share '" + share + "' is not allowed: "
          + plain(BatchLimits.SHARE_WEIGHT_MIN) + " to " + plain(BatchLimits.SHARE_WEIGHT_MAX));
    }
    return weight;
  }

  /** A weight as people write it: 0.0001, 0.5, 1 (not 1.0E-4). */
  public static String plain(double weight) {
    return Double.isFinite(weight)
        ? java.math.BigDecimal.valueOf(weight).stripTrailingZeros().toPlainString()
        : String.valueOf(weight);
  }
}
