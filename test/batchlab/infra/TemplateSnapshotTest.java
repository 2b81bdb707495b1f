package batchlab.infra;

import au.com.origin.snapshots.Expect;
import au.com.origin.snapshots.annotations.UseSnapshotConfig;
import au.com.origin.snapshots.junit5.SnapshotExtension;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole template for the article's two set-ups, against the committed snapshots in
 * {@code __snapshots__/}. After an intended change: {@code mvn test -Dsnapshots.update=true}, review
 * the diff, commit.
 */
@ExtendWith(SnapshotExtension.class)
@UseSnapshotConfig(TemplateSnapshotConfig.class)
class TemplateSnapshotTest {

  /** The image asset hash changes with every edit of job-image/; what it points to is tested elsewhere. */
  static final String ASSET_HASH_PLACEHOLDER = "[ASSET_HASH]";

  private Expect expect;

  @Test
  void templateWithMaxVcpus4MatchesSnapshot() {
    expect.serializer("json").toMatchSnapshot(normalised(Map.of("maxVcpus", "4")));
  }

  @Test
  void templateWithMaxVcpus20MatchesSnapshot() {
    expect.serializer("json").toMatchSnapshot(normalised(Map.of("maxVcpus", "20")));
  }

  static JsonNode normalised(Map<String, String> context) {
    String json = StackSynthesizer.synthesize(context).templateJson();
    try {
      return new ObjectMapper().readTree(json.replaceAll("\\b[0-9a-f]{64}\\b", ASSET_HASH_PLACEHOLDER));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("synthesized template is not JSON", e);
    }
  }
}
