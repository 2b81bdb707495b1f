package batchlab.run;

import java.nio.file.Path;

/**
 * A second process for {@link RunLockTest}: locks run {@code args[1]} in runs folder {@code args[0]},
 * prints {@code locked}, and holds the run until its stdin closes.
 */
public final class HoldRunLock {

  private HoldRunLock() {}

  public static void main(String[] args) throws Exception {
    try (RunLock lock = new RunStore(Path.of(args[0])).lock(args[1], "test holder")) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until the test closes our stdin
      }
    }
  }
}
