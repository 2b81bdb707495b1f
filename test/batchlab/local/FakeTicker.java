package batchlab.local;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A real-time source (nanoseconds) that moves only when the test says so: paced clocks without sleeping. */
public final class FakeTicker implements LongSupplier {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long getAsLong() {
    return nanos.get();
  }

  /** Lets {@code real} of "real" time pass. */
  public void advance(Duration real) {
    nanos.addAndGet(real.toNanos());
  }

  public void advanceSeconds(double seconds) {
    advance(Duration.ofNanos((long) (seconds * 1e9)));
  }
}
