package batchlab.aws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks a running fan-out or watch to stop (Ctrl-C, or a caller's cancel). Waits made through it
 * end as soon as a stop is requested.
 */
public final class StopSignal {

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<StopSignal> children = new CopyOnWriteArrayList<>();

  public void requestStop() {
    stopped.countDown();
    children.forEach(StopSignal::requestStop);
  }

  /** A signal that stops when this one does, and can also be stopped on its own (e.g. on a failure). */
  public StopSignal child() {
    StopSignal child = new StopSignal();
    children.add(child);
    if (isStopRequested()) {
      child.requestStop();
    }
    return child;
  }

  public boolean isStopRequested() {
    return stopped.getCount() == 0;
  }

  /** Waits {@code duration} unless stopped first; returns true if the full wait elapsed. */
  public boolean sleep(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return !isStopRequested();
    }
    try {
      return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requestStop();
      return false;
    }
  }
}
