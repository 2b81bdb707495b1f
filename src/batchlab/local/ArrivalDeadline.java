package batchlab.local;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * How long a request may take to arrive, headers and body, counted from its first byte. The handler
 * reads a body with blocking reads on a worker thread, so a client that sends part of a body and
 * stalls (or trickles it) would hold that thread; at the deadline its read fails with a
 * {@link TimeoutException}, which the handler answers 408 RequestTimeout (what AWS's front ends answer
 * a slow client). A client stalled in its headers holds no thread at all (Jetty parses headers
 * without blocking); the connector's idle timeout, the same duration, closes it.
 */
final class ArrivalDeadline {

  /**
   * Worker threads: each stalled body holds one until its deadline, so a handful of slow clients
   * cannot block the rest; stalled headers and idle keep-alive connections hold none.
   */
  static final int WORKERS = 64;

  private final long timeoutNanos;
  private final Scheduler scheduler;

  ArrivalDeadline(Duration timeout, Scheduler scheduler) {
    this.timeoutNanos = timeout.toNanos();
    this.scheduler = scheduler;
  }

  Duration timeout() {
    return Duration.ofNanos(timeoutNanos);
  }

  /** Starts watching {@code request}; the returned task is cancelled once its body has arrived. */
  Scheduler.Task watch(Request request) {
    long left = Math.max(0, timeoutNanos - NanoTime.since(request.getBeginNanoTime()));
    return scheduler.schedule(() -> request.fail(new TimeoutException("the request did not arrive within "
        + timeout().toMillis() + " ms"), false), left, TimeUnit.NANOSECONDS);
  }

  /** True if {@code failure}, a failed read, was this deadline or the idle timeout: the client is too slow. */
  static boolean tooSlow(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
