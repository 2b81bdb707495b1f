package batchlab.local;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Identifiers in AWS's formats, and the scheduler's random draws.
 *
 * <p>Two streams: ids (job ids, compute environment uuids, EC2 instance, ECS container instance and
 * task ids) come from the seed mixed with a per-start {@code salt}, so a restarted emulator never
 * hands out an id it handed out before (a client holding an old job id must not find another run's
 * job under it); the draws (spot reclaims) come from the seed alone, so a seeded run replays the
 * same faults. A salt of 0 makes the ids a function of the seed only, for tests.
 */
final class Ids {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final SplittableRandom ids;
  private final SplittableRandom draws;

  Ids(long seed, long salt) {
    this.ids = new SplittableRandom(salt == 0 ? seed : new SplittableRandom(seed ^ salt * 0x9E3779B97F4A7C15L).nextLong());
    this.draws = new SplittableRandom(seed);
  }

  /** A salt that differs between starts: the real start instant in nanoseconds, plus the monotonic clock. */
  static long startSalt() {
    Instant now = Instant.now();
    long salt = now.getEpochSecond() * 1_000_000_000L + now.getNano() + System.nanoTime();
    return salt == 0 ? 1 : salt;
  }

  /** A random (version 4) UUID, as Batch uses for job ids. */
  String uuid() {
    long high = (ids.nextLong() & ~0xF000L) | 0x4000L;
    long low = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** {@code length} lower-case hex digits (EC2 instance ids use 17, ECS ids 32). */
  String hex(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = HEX[ids.nextInt(16)];
    }
    return new String(out);
  }

  /** A draw in [0, 1) for the scheduler's random faults (spot reclaims): from the seed only. */
  double nextDouble() {
    return draws.nextDouble();
  }
}
