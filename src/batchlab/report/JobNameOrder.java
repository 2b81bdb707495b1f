package batchlab.report;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders job names so that trailing numbers compare as numbers: job-2 before job-10, a:9 before a:10. */
enum JobNameOrder implements Comparator<String> {
  INSTANCE;

  private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");

  @Override
  public int compare(String a, String b) {
    Matcher ma = TRAILING_NUMBER.matcher(a);
    Matcher mb = TRAILING_NUMBER.matcher(b);
    if (ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))) {
      int byNumber = new BigInteger(ma.group(2)).compareTo(new BigInteger(mb.group(2)));
      if (byNumber != 0) {
        return byNumber;
      }
    }
    return a.compareTo(b);
  }
}
