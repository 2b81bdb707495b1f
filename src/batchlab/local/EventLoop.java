package batchlab.local;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * The event queue on the virtual clock: actions scheduled for an instant run in time order (then in
 * scheduling order), and after the events of an instant one scheduling pass runs if anything
 * {@linkplain #markDirty() changed}. Not thread-safe: {@link Simulation} serialises every call.
 */
final class EventLoop {

  private record Timed(long at, long seq, Runnable action) {}

  private final VirtualClock clock;
  private final PriorityQueue<Timed> events = new PriorityQueue<>(
      (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
  private Runnable pass = () -> { };
  private long eventSeq;
  private long now;
  private boolean dirty;

  EventLoop(VirtualClock clock) {
    this.clock = clock;
    this.now = clock.now();
  }

  /** The scheduling pass to run after an instant's events when something changed. */
  void onDirty(Runnable pass) {
    this.pass = pass;
  }

  long now() {
    return now;
  }

  /** Schedules {@code action} at {@code when} (not before now). */
  void at(long when, Runnable action) {
    events.add(new Timed(Math.max(when, now), eventSeq++, action));
  }

  void after(Duration delay, Runnable action) {
    at(ClockMath.plus(now, delay), action);
  }

  /** Something changed that may let jobs be placed or instances launched. */
  void markDirty() {
    dirty = true;
  }

  /** The time of the next scheduled event, or {@link Long#MAX_VALUE} when nothing is scheduled. */
  long nextEventTime() {
    Timed next = events.peek();
    return next == null ? Long.MAX_VALUE : next.at();
  }

  /** Processes every event due up to {@code target} (in time order) and moves the simulation there. */
  void runUntil(long target) {
    while (true) {
      Timed next = events.peek();
      if (next != null && next.at() <= target) {
        runInstant(next.at());
      } else if (dirty) {
        runInstant(now);
      } else {
        break;
      }
    }
    if (target > now) {
      now = target;
      clock.moveTo(now);
    }
  }

  /** Runs all events due at {@code instant} (in scheduling order), then one scheduling pass. */
  void runInstant(long instant) {
    if (instant > now) {
      now = instant;
      clock.moveTo(now);
    }
    Timed next;
    while ((next = events.peek()) != null && next.at() <= now) {
      events.poll().action().run();
    }
    if (dirty) {
      dirty = false;
      pass.run();
    }
  }
}
