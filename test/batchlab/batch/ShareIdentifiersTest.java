package batchlab.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import batchlab.util.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareIdentifiersTest {

  @Test
  void aPrefixEntryCoversEveryIdentifierStartingWithIt() {
    assertTrue(ShareIdentifiers.covers("team*", "teamA"));
    assertTrue(ShareIdentifiers.covers("team*", "team"));
    assertFalse(ShareIdentifiers.covers("team*", "tea"));
    assertTrue(ShareIdentifiers.covers("teamA", "teamA"));
    assertFalse(ShareIdentifiers.covers("teamA", "teamA1"));
  }

  @Test
  void thePolicyEntriesOfTheApiReferenceExampleOverlap() {
    // ShareAttributes: "you can't have one that specifies a shareIdentifier of UserA* and another ... of UserA1".
    BadInputException e = assertThrows(BadInputException.class,
        () -> ShareIdentifiers.requirePolicyEntries(List.of("UserA*", "UserA1")));
    assertEquals("share identifiers 'UserA*' and 'UserA1' overlap: the identifiers of one policy must not "
        + "cover the same share", e.getMessage());
    assertTrue(ShareIdentifiers.overlap("User*", "UserA*"));
    assertFalse(ShareIdentifiers.overlap("UserA*", "UserB*"));
    assertFalse(ShareIdentifiers.overlap("UserA", "UserB"));
  }

  @Test
  void entriesAreLettersAndDigitsWithAnOptionalTrailingStar() {
    ShareIdentifiers.requirePolicyEntries(List.of("teamA", "teamB", "ops*"));
    BadInputException e = assertThrows(BadInputException.class,
        () -> ShareIdentifiers.requirePolicyEntries(List.of("team-a")));
    assertEquals("share identifier 'team-a' is not valid: 1-255 letters and digits, optionally followed by *",
        e.getMessage());
    assertThrows(BadInputException.class, () -> ShareIdentifiers.requirePolicyEntries(List.of("a".repeat(256))));
    assertThrows(BadInputException.class, () -> ShareIdentifiers.requireJobShare("team*"));
    assertEquals("teamA", ShareIdentifiers.requireJobShare("teamA"));
  }

  @Test
  void weightFactorsRunFromOneTenThousandthTo999point9999() {
    assertEquals(0.0001, ShareIdentifiers.requireWeight("a", 0.0001));
    assertEquals(999.9999, ShareIdentifiers.requireWeight("a", 999.9999));
    BadInputException e = assertThrows(BadInputException.class, () -> ShareIdentifiers.requireWeight("teamB", 0));
    assertEquals("weight factor 0 of share 'teamB' is not allowed: 0.0001 to 999.9999", e.getMessage());
    assertThrows(BadInputException.class, () -> ShareIdentifiers.requireWeight("a", 1000));
    assertThrows(BadInputException.class, () -> ShareIdentifiers.requireWeight("a", Double.NaN));
  }
}
