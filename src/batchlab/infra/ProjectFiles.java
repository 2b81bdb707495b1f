package batchlab.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Optional;

/**
 * The project files the CDK app needs besides its classes: {@code job-image/} (the Docker asset) and
 * {@code cdk.json} (feature flags). Found from the working directory (cdk runs the app in the
 * project root) or else from where the classes were loaded ({@code target/classes}), so in-process
 * synthesis works from any directory.
 */
public record ProjectFiles(Path root) {

  static final String JOB_IMAGE_DIRECTORY = "job-image";
  static final String CDK_JSON = "cdk.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  public static ProjectFiles locate() {
    Path cwd = Path.of("").toAbsolutePath();
    return search(cwd)
        .or(() -> codeLocation().flatMap(ProjectFiles::search))
        .map(ProjectFiles::new)
        .orElseThrow(() -> new IllegalStateException("cannot find the batch-lab project (" + CDK_JSON + " and "
            + JOB_IMAGE_DIRECTORY + "/Dockerfile) from " + cwd));
  }

  public Path jobImageDirectory() {
    return root.resolve(JOB_IMAGE_DIRECTORY);
  }

  /** The {@code context} object of cdk.json (feature flags), as the CDK CLI would pass it. */
  public Map<String, Object> cdkJsonContext() {
    try {
      Map<String, Object> cdkJson = JSON.readValue(root.resolve(CDK_JSON).toFile(), new TypeReference<>() {});
      Object context = cdkJson.get("context");
      @SuppressWarnings("unchecked")
      Map<String, Object> map = context instanceof Map<?, ?> ? (Map<String, Object>) context : Map.of();
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root.resolve(CDK_JSON), e);
    }
  }

  private static Optional<Path> search(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(CDK_JSON))
          && Files.isRegularFile(dir.resolve(JOB_IMAGE_DIRECTORY).resolve("Dockerfile"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> codeLocation() {
    CodeSource source = ProjectFiles.class.getProtectionDomain().getCodeSource();
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
