package batchlab.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names for template resources without an explicit name, in the shape CloudFormation generates
 * them ({@code <LogicalId>-<random suffix>}, or {@code <stack>-<LogicalId>-<suffix>} for IAM and
 * log groups) but deterministic: the suffix is derived from stack name, logical id and seed, so
 * the same template and seed always yield the same names and ARNs.
 */
final class PhysicalNames {

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private PhysicalNames() {}

  /** {@code <logicalId>-<16 letters/digits>}, at most {@code maxLength} characters. */
  static String resourceName(String stackName, String logicalId, long seed, int maxLength) {
    return resourceName(stackName, logicalId, seed, maxLength, 0);
  }

  /**
   * The name of the {@code generation}-th replacement of a resource (0: the original): the same shape
   * with another suffix, as CloudFormation generates a new name for a replacement.
   */
  static String resourceName(String stackName, String logicalId, long seed, int maxLength, int generation) {
    String suffix = suffix(stackName, generation == 0 ? logicalId : logicalId + "#" + generation, seed, 16);
    return truncate(logicalId, maxLength - suffix.length() - 1) + "-" + suffix;
  }

  /** {@code <stack>-<logicalId>-<13 letters/digits>}, at most {@code maxLength} characters. */
  static String stackScopedName(String stackName, String logicalId, long seed, int maxLength) {
    String suffix = suffix(stackName, logicalId, seed, 13).toUpperCase();
    String prefix = stackName + "-" + logicalId;
    return truncate(prefix, maxLength - suffix.length() - 1) + "-" + suffix;
  }

  /** A deterministic lower-case hex id (for vpc-, subnet-, sg- style ids). */
  static String hexId(String stackName, String logicalId, long seed, int length) {
    byte[] digest = digest(stackName + "/" + logicalId + "/" + seed + "/hex");
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; out.length() < length; i++) {
      out.append(Character.forDigit((digest[i % digest.length] >> (i % 2 == 0 ? 4 : 0)) & 0xF, 16));
    }
    return out.toString();
  }

  private static String suffix(String stackName, String logicalId, long seed, int length) {
    byte[] digest = digest(stackName + "/" + logicalId + "/" + seed);
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[(digest[i] & 0xFF) % ALPHABET.length];
    }
    return new String(out);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(1, max));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
