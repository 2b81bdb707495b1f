package batchlab.cli;

import batchlab.aws.SubmitException;
import batchlab.run.RunJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the running {@code ./batch-lab local} emulators serve, so that {@code submit} and {@code watch}
 * reach them without anyone copying a port: each {@code local} records its endpoint in {@code
 * local-<pid>.json} under the user's state directory while it serves and removes the file when it stops.
 * A file left by an emulator that was killed is recognised (its process is gone, or nothing answers on
 * its port) and removed.
 *
 * <p>The state directory: {@code BATCH_LAB_STATE_DIR}, else {@code $XDG_STATE_HOME/batch-lab}, else
 * {@code ~/.local/state/batch-lab} ({@code $HOME}, else the JVM's user.home); the system property {@code batchlab.stateDir} overrides them (tests).
 */
final class LocalEndpoints {

  /** What one running emulator recorded. */
  record Entry(URI endpoint, String region, String stack, long pid, Instant startedAt) {}

  static final String STATE_DIR_VARIABLE = "BATCH_LAB_STATE_DIR";
  static final String STATE_DIR_PROPERTY = "batchlab.stateDir";
  private static final String PREFIX = "local-";
  private static final String SUFFIX = ".json";
  /** Long enough for a loaded loopback accept, short enough not to be noticed. */
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  private final Path directory;

  LocalEndpoints(Path directory) {
    this.directory = directory;
  }

  /** The user's state directory, from the environment as described above. */
  static LocalEndpoints of(Map<String, String> env) {
    String property = System.getProperty(STATE_DIR_PROPERTY);
    if (notBlank(property)) {
      return new LocalEndpoints(Path.of(property));
    }
    if (notBlank(env.get(STATE_DIR_VARIABLE))) {
      return new LocalEndpoints(Path.of(env.get(STATE_DIR_VARIABLE)));
    }
    String home = notBlank(env.get("HOME")) ? env.get("HOME") : System.getProperty("user.home");
    Path base = notBlank(env.get("XDG_STATE_HOME")) ? Path.of(env.get("XDG_STATE_HOME"))
        : Path.of(home, ".local", "state");
    return new LocalEndpoints(base.resolve("batch-lab"));
  }

  Path directory() {
    return directory;
  }

  /** Records {@code entry} (written to a temporary file, then moved into place); returns the file. */
  Path record(Entry entry) {
    Path file = directory.resolve(PREFIX + entry.pid() + SUFFIX);
    try {
      Files.createDirectories(directory);
      Path partial = Files.createTempFile(directory, PREFIX, ".tmp");
      RunJson.mapper().writeValue(partial.toFile(), entry);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the emulator's endpoint in " + file, e);
    }
  }

  /** Removes what {@link #record} wrote; an already missing file is fine. */
  static void remove(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left behind, it is recognised as stale by the next reader.
    }
  }

  /** The emulators that are running now, oldest first; stale records are removed on the way. */
  List<Entry> running() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Entry> live = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(LocalEndpoints::isRecord).toList()) {
        Optional<Entry> entry = read(file);
        if (entry.isPresent() && serving(entry.get())) {
          live.add(entry.get());
        } else {
          remove(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    live.sort(Comparator.comparing(Entry::startedAt));
    return live;
  }

  /**
   * The one running emulator.
   *
   * @throws SubmitException when none is running (with how to start one) or several are (naming them)
   */
  Entry requireOne() {
    List<Entry> live = running();
    if (live.isEmpty()) {
      throw new SubmitException("no ./batch-lab local is running (none recorded in " + directory
          + "): start it in another terminal with: ./batch-lab local");
    }
    if (live.size() > 1) {
      throw new SubmitException(live.size() + " ./batch-lab local emulators are running ("
          + live.stream().map(e -> e.endpoint() + " pid " + e.pid()).collect(Collectors.joining(", "))
          + "): choose one with --endpoint-url");
    }
    return live.get(0);
  }

  private static boolean isRecord(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  private static Optional<Entry> read(Path file) {
    try {
      return Optional.of(RunJson.mapper().readValue(file.toFile(), Entry.class));
    } catch (IOException e) {
      return Optional.empty(); // unreadable or half-written by hand: not a usable record
    }
  }

  /** Its process is alive and something accepts connections on its port (a reused pid has no such port). */
  private static boolean serving(Entry entry) {
    if (ProcessHandle.of(entry.pid()).map(ProcessHandle::isAlive).orElse(false)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(entry.endpoint().getHost(), entry.endpoint().getPort()),
            CONNECT_TIMEOUT_MILLIS);
        return true;
      } catch (IOException | IllegalArgumentException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
