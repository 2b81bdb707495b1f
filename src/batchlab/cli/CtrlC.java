package batchlab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into a clean stop: the shutdown hook asks the running work to stop, then holds the
 * JVM until the work has finished its bookkeeping (records, summary) and this is closed.
 */
final class CtrlC implements AutoCloseable {

  /** Enough for calls in flight to end (SDK attempt timeout) and files to be written. */
  private static final long GRACE_SECONDS = 30;

  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  CtrlC(Runnable requestStop) {
    hook = new Thread(() -> {
      requestStop.run();
      try {
        done.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "batch-lab-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it returns now that done is counted down
    }
  }
}
