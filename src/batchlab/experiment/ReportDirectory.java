package batchlab.experiment;

import batchlab.report.ReportWriter;
import batchlab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks on {@code --out} that run before anything starts (no synthesis, no emulator, no deploy),
 * so that a report directory the command could not write, or should not overwrite, costs nothing.
 */
final class ReportDirectory {

  /** A file every finished or partial report has; its presence means the directory holds one of ours. */
  static final String REPORT_MARKER = ReportWriter.SUMMARY_FILE;
  /** Files the report writes that a directory may hold without our marker: someone else's report. */
  private static final List<String> WOULD_OVERWRITE = List.of(ReportWriter.HTML_FILE, ReportWriter.MARKDOWN_FILE);

  private ReportDirectory() {}

  /** @throws BadInputException naming {@code dir} and why it cannot take the report */
  static void check(Path dir) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new BadInputException("--out " + dir + " is a file, not a directory; choose a directory for the report");
      }
      if (Files.exists(dir.resolve(REPORT_MARKER))) {
        throw new BadInputException(
            "--out " + dir + " already holds a report (" + REPORT_MARKER + "); choose a new directory");
      }
      for (String file : WOULD_OVERWRITE) {
        if (Files.exists(dir.resolve(file))) {
          throw new BadInputException("--out " + dir + " holds a " + file + " that is not a batch-lab report (no "
              + REPORT_MARKER + "); choose a new directory");
        }
      }
      probe(dir, dir);
      return;
    }
    Path existing = dir.toAbsolutePath().getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new BadInputException("--out " + dir + " cannot be created: no part of the path exists");
    }
    if (!Files.isDirectory(existing)) {
      throw new BadInputException("--out " + dir + " cannot be created: " + existing + " is a file, not a directory");
    }
    probe(dir, existing);
  }

  /** Writes and removes a file in {@code existing}: what the OS allows, root and read-only mounts included. */
  private static void probe(Path dir, Path existing) {
    try {
      Files.delete(Files.createTempFile(existing, ".batch-lab-write-check-", ".tmp"));
    } catch (IOException e) {
      String where = existing.equals(dir) ? "" : " (in " + existing + ")";
      throw new BadInputException("--out " + dir + " cannot be written" + where + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : reason(e)) + "; choose a writable directory");
    }
  }

  /** The OS's reason, without the path the exception repeats. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
  }
}
