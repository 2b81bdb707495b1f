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
    return update(Boolean.getBoolean(UPDATE_PROPERTY), isCI());
  }

  /**
   * Which snapshots to rewrite: all ("" matches every name) when asked, none otherwise. Under CI an update
   * is refused here, in our words, before the library refuses it in its own ({@code isCI=true & ...}).
   */
  static Optional<String> update(boolean requested, boolean ci) {
    if (requested && ci) {
      throw new IllegalStateException("-D" + UPDATE_PROPERTY + "=true is refused because the CI environment "
          + "variable is set: snapshots are reviewed changes, so update them on your machine (mvn test -D"
          + UPDATE_PROPERTY + "=true), review the diff of the .snap file and commit it");
    }
    return requested ? Optional.of("") : Optional.empty();
  }
}
