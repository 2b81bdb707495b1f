package batchlab.local;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's worker pool, with a bound on how long a request may take to arrive. The JDK
 * server reads a request's headers, and the emulator its body, on a worker thread with blocking
 * reads and no timeout, so a client that sends part of a request and stalls would hold its thread
 * for ever. Each task gets a deadline: if the request has not fully arrived by then, a request whose
 * headers were read is answered 408 RequestTimeout (what AWS's front ends answer a slow client), and
 * the worker is interrupted, which closes the connection and frees the thread; a request stalled in
 * its headers is just closed. Not thread-confined: every state change is under the task's lock.
 */
final class ArrivalDeadline implements Executor, AutoCloseable {

  /** Workers: enough that a handful of slow clients within one deadline cannot block the rest. */
  static final int WORKERS = 64;

  private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

  private final long timeoutMillis;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService watchdog;

  ArrivalDeadline(Duration timeout) {
    this.timeoutMillis = timeout.toMillis();
    AtomicInteger threads = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread thread = new Thread(r, "batch-emulator-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    workers.allowCoreThreadTimeOut(true);
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "batch-emulator-http-deadline");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    this.watchdog = timer;
  }

  @Override
  public void execute(Runnable exchange) {
    workers.execute(() -> {
      Task task = new Task(Thread.currentThread());
      ScheduledFuture<?> expiry = deadline(task);
      CURRENT.set(task);
      try {
        exchange.run();
      } finally {
        task.finish();
        if (expiry != null) {
          expiry.cancel(false);
        }
        CURRENT.remove();
      }
    });
  }

  /** The task's expiry, or null while the server is closing (the watchdog is shut down; the exchange ends anyway). */
  private ScheduledFuture<?> deadline(Task task) {
    try {
      return watchdog.schedule(task::expire, timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      return null;
    }
  }

  /** Called by the handler once it has the exchange: a stall from now on is answered 408. */
  static void handling(HttpExchange exchange) {
    Task task = CURRENT.get();
    if (task != null) {
      task.handling(exchange);
    }
  }

  /** Called by the handler once the body is read: the request has arrived, no deadline applies any more. */
  static void arrived() {
    Task task = CURRENT.get();
    if (task != null) {
      task.arrived();
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One worker task: the thread it runs on and how far its request got. */
  private static final class Task {
    private final Thread worker;
    private HttpExchange exchange;
    private boolean arrived;
    private boolean finished;

    Task(Thread worker) {
      this.worker = worker;
    }

    synchronized void handling(HttpExchange exchange) {
      this.exchange = exchange;
    }

    synchronized void arrived() {
      arrived = true;
    }

    synchronized void finish() {
      finished = true;
      Thread.interrupted(); // an expiry racing the end must not leak into the next task
    }

    synchronized void expire() {
      if (arrived || finished) {
        return;
      }
      if (exchange != null && exchange.getResponseCode() == -1) {
        answerTimeout(exchange);
      }
      worker.interrupt();
    }

    /** AWS's answer to a client that is too slow to send its request (S3 documents the same code and text). */
    private static void answerTimeout(HttpExchange exchange) {
      byte[] body = ("{\"message\":\"Your socket connection to the server was not read from or written to within "
          + "the timeout period. Idle connections will be closed.\"}").getBytes(StandardCharsets.UTF_8);
      try {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "RequestTimeout");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(408, body.length);
        exchange.getResponseBody().write(body);
        exchange.getResponseBody().flush();
      } catch (java.io.IOException | RuntimeException gone) {
        // The client is gone as well: closing the connection is all that is left.
      }
    }
  }
}
