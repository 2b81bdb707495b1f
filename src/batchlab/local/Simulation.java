package batchlab.local;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the {@link Scheduler} on the virtual clock and serialises every access to it: API calls go
 * through {@link #call}, a background thread processes events as the clock reaches them.
 *
 * <p>Clock semantics by {@link Speed.Mode}:
 * <ul>
 *   <li>SCALED: the thread sleeps until the real moment the next event is due; each API call first
 *       catches up with every event due by "now", so it always sees a consistent state.
 *   <li>MAX: time stands still while any request is in flight or the last one ended less than the
 *       quiet period ago; otherwise the thread jumps from one event instant to the next without
 *       waiting. A client that pauses for longer than the quiet period finds the simulation has
 *       moved on, possibly to the end.
 *   <li>MANUAL: no thread; only {@link #advance} and {@link #awaitJobsDone} move time.
 * </ul>
 * On SCALED and MAX clocks a client's state-changing call holds the clock at real speed for the
 * hold window ({@link VirtualClock#hold}); a held MAX clock runs like a scaled one at 1x.
 */
final class Simulation implements AutoCloseable {

  private final VirtualClock clock;
  private final Scheduler scheduler;
  private final long quietNanos;
  private final AtomicInteger requestsInFlight = new AtomicInteger();
  private volatile long lastRequestEndNanos;
  private volatile boolean running;
  private Thread thread;

  Simulation(VirtualClock clock, Scheduler scheduler, Duration maxModeQuietPeriod) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.quietNanos = maxModeQuietPeriod.toNanos();
    this.lastRequestEndNanos = clock.realNanos();
  }

  Speed speed() {
    return clock.speed();
  }

  void start() {
    if (clock.speed().mode() == Speed.Mode.MANUAL || running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "batch-emulator-scheduler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs {@code work} against the scheduler at the current virtual time, under the lock. */
  synchronized <T> T call(Supplier<T> work) {
    scheduler.runUntil(clock.now());
    T result = work.get();
    notifyAll();
    return result;
  }

  /** Brackets an HTTP request, so MAX mode keeps the clock still while clients talk. */
  void requestStarted() {
    requestsInFlight.incrementAndGet();
  }

  /**
   * A client's state-changing call arrived or was answered: the clock runs at real speed for the
   * hold window from now (client pacing, {@link VirtualClock#hold}).
   */
  void stateChangingCall() {
    if (clock.hold()) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  void requestEnded() {
    lastRequestEndNanos = clock.realNanos();
    requestsInFlight.decrementAndGet();
    if (clock.speed().mode() != Speed.Mode.MANUAL) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Virtual epoch milliseconds. */
  long now() {
    return clock.now();
  }

  /**
   * Moves a stepped clock (MANUAL or MAX) forward by {@code duration}, processing every event on the
   * way in time order. A scaled clock cannot be moved: it follows the wall clock.
   */
  synchronized void advance(Duration duration) {
    if (!clock.speed().stepped()) {
      throw new IllegalStateException("advance() needs a stepped clock (speed manual or max), not " + clock.speed());
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot advance the clock by a negative duration: " + duration);
    }
    scheduler.runUntil(ClockMath.plus(clock.now(), duration));
    notifyAll();
  }

  /**
   * Waits until no job is left that is not SUCCEEDED or FAILED. A stepped clock is driven forward
   * from event to event by this call; a scaled one is waited for in real time, at most
   * {@code realTimeout}. Returns whether all jobs were done in time.
   */
  synchronized boolean awaitJobsDone(Duration realTimeout) throws InterruptedException {
    long deadline = System.nanoTime() + realTimeout.toNanos();
    while (true) {
      if (clock.stepping()) {
        scheduler.runUntil(clock.now());
      }
      if (scheduler.activeJobs() == 0) {
        return true;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      if (clock.stepping()) {
        long next = scheduler.nextEventTime();
        if (next == Long.MAX_VALUE) {
          return false;
        }
        scheduler.runInstant(next);
      } else {
        wait(Math.max(1, remaining / 1_000_000));
      }
    }
  }

  private void loop() {
    try {
      while (running) {
        synchronized (this) {
          if (clock.stepping()) {
            stepWhenQuiet();
          } else {
            scheduler.runUntil(clock.now());
            notifyAll();
            long next = scheduler.nextEventTime();
            long waitMillis = next == Long.MAX_VALUE ? 1000 : clock.realMillisUntil(next);
            if (waitMillis > 0) {
              wait(Math.min(waitMillis, 1000));
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One MAX-mode step: jump to the next event instant if the API is quiet, else wait. */
  private void stepWhenQuiet() throws InterruptedException {
    long quietFor = clock.realNanos() - lastRequestEndNanos;
    if (requestsInFlight.get() > 0 || quietFor < quietNanos) {
      long waitNanos = Math.max(quietNanos - quietFor, 1_000_000);
      wait(Math.max(1, waitNanos / 1_000_000));
      return;
    }
    long next = scheduler.nextEventTime();
    if (next == Long.MAX_VALUE) {
      scheduler.runUntil(clock.now());
      notifyAll();
      wait(1000);
      return;
    }
    scheduler.runInstant(next);
    notifyAll();
  }

  @Override
  public void close() {
    running = false;
    Thread t = thread;
    if (t != null) {
      synchronized (this) {
        notifyAll();
      }
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
