package batchlab.infra;

import au.com.origin.snapshots.Snapshot;
import au.com.origin.snapshots.reporters.v1.PlainTextSnapshotReporter;

/**
 * The library's plain-text diff of a snapshot mismatch, followed by what to do about it: the diff alone
 * does not say how to accept an intended change.
 */
public final class TemplateSnapshotReporter extends PlainTextSnapshotReporter {

  static final String HOW_TO_UPDATE = "If the change is intended: mvn test -D" + TemplateSnapshotConfig.UPDATE_PROPERTY
      + "=true, review the diff of the .snap file, commit it.";

  @Override
  public void report(Snapshot previous, Snapshot current) {
    try {
      super.report(previous, current);
    } catch (AssertionError mismatch) {
      throw new AssertionError(mismatch.getMessage() + "\n\n" + HOW_TO_UPDATE, mismatch);
    }
  }
}
