package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import au.com.origin.snapshots.Snapshot;
import org.junit.jupiter.api.Test;

/** What the snapshot tests say when a snapshot differs, and when an update is asked for under CI. */
class TemplateSnapshotMessagesTest {

  private static Snapshot snapshot(String body) {
    return Snapshot.builder().name("batchlab.infra.TemplateSnapshotTest.templateWithMaxVcpus4MatchesSnapshot")
        .body(body).build();
  }

  @Test
  void aMismatchShowsTheDiffAndHowToAcceptAnIntendedChange() {
    assertThatThrownBy(() -> new TemplateSnapshotReporter().report(snapshot("\"MaxvCpus\": 4"), snapshot("\"MaxvCpus\": 5")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("\"MaxvCpus\": 5")
        .hasMessageEndingWith("If the change is intended: mvn test -Dsnapshots.update=true, review the diff of the"
            + " .snap file, commit it.");
  }

  @Test
  void anUpdateUnderCiIsRefusedSayingWhatToDo() {
    assertThatThrownBy(() -> TemplateSnapshotConfig.update(true, true))
        .hasMessage("-Dsnapshots.update=true is refused because the CI environment variable is set: snapshots are"
            + " reviewed changes, so update them on your machine (mvn test -Dsnapshots.update=true), review the diff"
            + " of the .snap file and commit it");
  }

  @Test
  void onlyTheSwitchUpdatesSnapshots() {
    assertThat(TemplateSnapshotConfig.update(true, false)).contains("");
    assertThat(TemplateSnapshotConfig.update(false, false)).isEmpty();
    assertThat(TemplateSnapshotConfig.update(false, true)).isEmpty();
  }
}
