package batchlab.run;

import batchlab.aws.SubmitException;
import batchlab.util.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code runs/} directory: one folder per run holding {@code jobs.json} (the {@link RunRecord}),
 * and after a watch {@code summary.json}, {@code timeline.csv} and {@code observations.json}. Every file
 * is written to a temporary file first and moved into place, so a reader (or a Ctrl-C) never sees half a
 * file; a writer holds the run's {@link RunLock} ({@code run.lock}), so two never write the same run at once.
 */
public final class RunStore {

  /** Where runs live unless told otherwise (the CLI's --runs-dir default). */
  public static final String DEFAULT_ROOT = "runs";
  public static final String RECORD_FILE = "jobs.json";
  public static final String SUMMARY_FILE = "summary.json";
  public static final String TIMELINE_FILE = "timeline.csv";
  public static final String OBSERVATIONS_FILE = "observations.json";

  /** What {@link #writeAtomically} leaves behind when the process dies between writing and moving. */
  private static final String TEMP_SUFFIX = ".tmp";
  private static final List<String> RUN_FILES = List.of(RECORD_FILE, SUMMARY_FILE, TIMELINE_FILE);

  /** A path a shell takes as one word without quotes. */
  private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path root;

  public RunStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** A new run id: UTC time to the second plus 4 random hex digits, so ids sort by time. */
  public static String newRunId(Clock clock, Random random) {
    byte[] suffix = new byte[2];
    random.nextBytes(suffix);
    return ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
  }

  public Path dir(String runId) {
    if (!RUN_ID.matcher(runId).matches()) {
      throw new BadInputException("run id '" + runId + "' is not valid: use the folder name under " + root
          + " (letters, digits, '.', '_', '-')");
    }
    return root.resolve(runId);
  }

  /**
   * Takes the run for writing (see {@link RunLock}): fails at once, naming the holder, while another
   * process or thread has it. Temporary files a killed writer left are removed first thing: with the
   * lock held, no one else can be writing them.
   *
   * @param purpose what the caller does with the run (e.g. {@code submit --resume}), for the message a
   *     second writer gets
   */
  public RunLock lock(String runId, String purpose) {
    Path dir = dir(runId);
    RunLock lock = RunLock.acquire(dir, runId, purpose);
    try {
      removeLeftTempFiles(dir);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  /** The options the CLI needs to find this store again: none for the default, else {@code --runs-dir DIR}. */
  public String cliOption() {
    if (root.equals(Path.of(DEFAULT_ROOT))) {
      return "";
    }
    String dir = root.toString();
    return " --runs-dir " + (SHELL_WORD.matcher(dir).matches() ? dir : "'" + dir.replace("'", "'\\''") + "'");
  }

  public void save(RunRecord record) {
    writeAtomically(dir(record.runId()).resolve(RECORD_FILE), json(record));
  }

  public boolean exists(String runId) {
    return Files.isRegularFile(dir(runId).resolve(RECORD_FILE));
  }

  public RunRecord load(String runId) {
    Path file = dir(runId).resolve(RECORD_FILE);
    try {
      return RunJson.mapper().readValue(Files.readString(file), RunRecord.class);
    } catch (NoSuchFileException e) {
      throw new BadInputException("no run '" + runId + "' in " + root
          + latest().map(id -> " (latest: " + id + ")").orElse(" (it has no runs yet)"));
    } catch (IOException e) {
      throw new SubmitException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The newest run id (ids sort by time), if any run has a record. */
  public Optional<String> latest() {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(RECORD_FILE)))
          .map(d -> d.getFileName().toString())
          .max(Comparator.naturalOrder());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The attempts {@code timeline.csv} holds; empty when the run has not been watched. */
  public List<JobAttempt> loadAttempts(String runId) {
    Path file = dir(runId).resolve(TIMELINE_FILE);
    try {
      return Files.isRegularFile(file) ? TimelineCsv.parse(Files.readString(file)) : List.of();
    } catch (IOException e) {
      throw new SubmitException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new SubmitException(file + " is not a timeline this tool wrote: " + e.getMessage(), e);
    }
  }

  /** What {@code summary.json} holds, read as {@code type}; empty when the run has not been watched. */
  public <T> Optional<T> loadSummary(String runId, Class<T> type) {
    Path file = dir(runId).resolve(SUMMARY_FILE);
    try {
      return Files.isRegularFile(file) ? Optional.of(RunJson.mapper().readValue(Files.readString(file), type))
          : Optional.empty();
    } catch (IOException e) {
      throw new SubmitException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code summary.json}, {@code timeline.csv} and {@code observations.json} for the watched run. */
  public void saveResult(WatchedRun result) {
    Path dir = dir(result.run().runId());
    writeAtomically(dir.resolve(SUMMARY_FILE), json(result.summary()));
    writeAtomically(dir.resolve(TIMELINE_FILE), TimelineCsv.render(result.attempts()));
    writeAtomically(dir.resolve(OBSERVATIONS_FILE), json(result.observations()));
  }

  /** The run's attempts as its {@code timeline.csv} holds them; a run never watched is bad input. */
  public List<JobAttempt> requireAttempts(String runId) {
    if (!Files.isRegularFile(dir(runId).resolve(TIMELINE_FILE))) {
      throw new BadInputException("run '" + runId + "' in " + root + " has no " + TIMELINE_FILE
          + ": watch it first with ./batch-lab watch " + runId + cliOption());
    }
    return loadAttempts(runId);
  }

  /** What the watch recorded for calibration; empty for runs watched before it did. */
  public Optional<Observations> loadObservations(String runId) {
    Path file = dir(runId).resolve(OBSERVATIONS_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RunJson.mapper().readValue(Files.readString(file), Observations.class));
    } catch (IOException e) {
      throw new SubmitException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void removeLeftTempFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(TEMP_SUFFIX) && RUN_FILES.stream().anyMatch(f -> name.startsWith(f + "."))) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new SubmitException("cannot clean up " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String json(Object value) {
    try {
      return RunJson.mapper().writeValueAsString(value) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeAtomically(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", TEMP_SUFFIX);
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new SubmitException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
