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
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code runs/} directory: one folder per run holding {@code jobs.json} (the {@link RunRecord}),
 * and after a watch {@code summary.json}, {@code timeline.csv} and {@code observations.json}. Every file is written to a
 * temporary file first and moved into place, so a reader (or a Ctrl-C) never sees half a file.
 */
public final class RunStore {

  public static final String RECORD_FILE = "jobs.json";
  public static final String SUMMARY_FILE = "summary.json";
  public static final String TIMELINE_FILE = "timeline.csv";
  public static final String OBSERVATIONS_FILE = "observations.json";

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

  /** Writes {@code summary.json} and {@code timeline.csv} for the watched run. */
  public void saveResult(WatchedRun result) {
    Path dir = dir(result.run().runId());
    writeAtomically(dir.resolve(SUMMARY_FILE), json(result.summary()));
    writeAtomically(dir.resolve(TIMELINE_FILE), TimelineCsv.render(result.attempts()));
    writeAtomically(dir.resolve(OBSERVATIONS_FILE), json(result.observations()));
  }

  /** The run's attempts as its {@code timeline.csv} holds them (written by a watch). */
  public java.util.List<JobAttempt> loadAttempts(String runId) {
    Path file = dir(runId).resolve(TIMELINE_FILE);
    try {
      return TimelineCsv.parse(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new BadInputException("run '" + runId + "' in " + root + " has no " + TIMELINE_FILE
          + ": watch it first with ./batch-lab watch " + runId);
    } catch (IOException e) {
      throw new SubmitException("cannot read " + file + ": " + e.getMessage(), e);
    }
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
      Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
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
