package batchlab.run;

import batchlab.aws.SubmitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per run at a time: an OS file lock ({@link FileChannel#tryLock}) on {@code run.lock} in the
 * run's folder, held by whoever writes the run's files (a submit or resume for its whole fan-out, a watch
 * while it writes its results). A second writer fails at once, naming the process that holds the run. The
 * OS drops the lock when that process ends, however it ends, so a lock is never left stale.
 *
 * <p>The lock file stays (deleting it would let two processes lock two different files of that name), and
 * holds who has the run while it is locked. Within one JVM a map stands in front of the OS lock: the JVM
 * holds OS locks for the whole process, and closing any channel of the file could release them.
 */
public final class RunLock implements AutoCloseable {

  public static final String FILE = "run.lock";

  /** Run folders locked by this JVM, to who holds them. */
  private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} for writing, or fails at once if another writer has it.
   *
   * @param purpose what this process does with the run, shown to a second writer when the process was not
   *     started by the launcher (whose command line says it)
   * @throws SubmitException naming the holder when the run is in use, or when the lock cannot be taken
   */
  static RunLock acquire(Path dir, String runId, String purpose) {
    Path key;
    try {
      Files.createDirectories(dir);
      key = dir.toRealPath();
    } catch (IOException e) {
      throw new SubmitException("cannot lock run " + runId + " (" + dir.resolve(FILE) + "): " + e.getMessage(), e);
    }
    String holder = describeThisProcess(purpose);
    String other = HELD.putIfAbsent(key, holder);
    if (other != null) {
      throw inUse(runId, other);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw inUse(runId, readHolder(channel));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new RunLock(key, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw new SubmitException("cannot lock run " + runId + " (" + dir.resolve(FILE) + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw e;
    }
  }

  /** Releases the run: the holder's line is cleared first, then the OS lock goes with the channel. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
    } catch (IOException e) {
      // The channel's close below releases the lock all the same.
    } finally {
      closeQuietly(channel);
      HELD.remove(dir);
    }
  }

  private static SubmitException inUse(String runId, String holder) {
    return new SubmitException("run " + runId + " is in use by " + holder
        + ": one process writes a run at a time; wait for it to end (or stop it), then try again");
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "another process" : text;
  }

  /** {@code process 4242 (batch-lab submit --resume R) since 2026-12-01T10:02:03Z}. */
  static String describeThisProcess(String purpose) {
    ProcessHandle self = ProcessHandle.current();
    return "process " + self.pid() + " (" + command(self.info(), purpose) + ") since "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** The launcher's command line when this JVM runs the CLI, else the program and the purpose. */
  private static String command(ProcessHandle.Info info, String purpose) {
    List<String> args = info.arguments().map(List::of).orElse(List.of());
    int main = args.indexOf(CLI_MAIN);
    if (main >= 0) {
      return String.join(" ", List.of("batch-lab", String.join(" ", args.subList(main + 1, args.size())))).strip();
    }
    String program = info.command().map(c -> Path.of(c).getFileName().toString()).orElse("java");
    return program + ": " + purpose;
  }

  /** The CLI's main class, as the launcher starts it; named here as text, since this package may not use the cli. */
  private static final String CLI_MAIN = "batchlab.cli.BatchLab";

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }
}
