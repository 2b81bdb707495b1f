package batchlab.infra;

import au.com.origin.snapshots.config.PropertyResolvingSnapshotConfig;
import java.util.Optional;

/**
 * snapshot.properties, except that the ONE switch rewriting snapshots is
 * {@code mvn test -Dsnapshots.update=true} (the pom passes it to surefire). The library's own legacy
 * {@code -DupdateSnapshot} is ignored so that there is no second way; with CI set, the library
 * refuses updates and fails on missing snapshots.
 */
public final class TemplateSnapshotConfig extends PropertyResolvingSnapshotConfig {

  static final String UPDATE_PROPERTY = "snapshots.update";

  @Override
  public Optional<String> updateSnapshot() {
    // "" matches every snapshot name: update all of them.
    return Boolean.getBoolean(UPDATE_PROPERTY) ? Optional.of("") : Optional.empty();
  }
}
