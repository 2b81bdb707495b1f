package batchlab.local;

import java.util.SplittableRandom;
import java.util.UUID;

/** Identifiers in AWS's formats, drawn from the emulator's seed so a seeded run is reproducible. */
final class Ids {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final SplittableRandom random;

  Ids(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A random (version 4) UUID, as Batch uses for job ids. */
  String uuid() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** {@code length} lower-case hex digits (EC2 instance ids use 17, ECS ids 32). */
  String hex(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = HEX[random.nextInt(16)];
    }
    return new String(out);
  }

  /** A draw in [0, 1) for the scheduler's random faults (spot reclaims). */
  double nextDouble() {
    return random.nextDouble();
  }
}
