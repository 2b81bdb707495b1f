package batchlab.infra;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Finds the {@code job-image/} directory (Dockerfile + script) of this project: from the working
 * directory (cdk runs the app in the project root) or, failing that, from where the classes were
 * loaded ({@code target/classes}), so in-process synthesis works from any directory.
 */
public final class JobImage {

  static final String DIRECTORY = "job-image";

  private JobImage() {}

  public static Path directory() {
    return search(Path.of("").toAbsolutePath())
        .or(() -> codeLocation().flatMap(JobImage::search))
        .orElseThrow(() -> new IllegalStateException("cannot find the " + DIRECTORY
            + "/ directory (with its Dockerfile) from " + Path.of("").toAbsolutePath()));
  }

  private static Optional<Path> search(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(DIRECTORY);
      if (Files.isRegularFile(candidate.resolve("Dockerfile"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> codeLocation() {
    CodeSource source = JobImage.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
