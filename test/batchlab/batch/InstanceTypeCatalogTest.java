package batchlab.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue's names: exact types, families and the bundles Batch picks families from (API Reference, ComputeResource.instanceTypes). */
class InstanceTypeCatalogTest {

  private static List<String> names(String... allowed) {
    return InstanceTypeCatalog.resolve(List.of(allowed)).stream().map(InstanceType::name).toList();
  }

  private static List<String> families(List<String> types) {
    return types.stream().map(t -> t.substring(0, t.indexOf('.'))).distinct().toList();
  }

  @Test
  void defaultX86MeansTheM6iC6iR6iAndC7iFamilies() {
    assertThat(families(names("default_x86_64"))).containsExactly("m6i", "c6i", "r6i", "c7i");
  }

  @Test
  void optimalMeansWhatDefaultX86MeansSinceNovember2025() {
    assertThat(names("optimal")).isEqualTo(names("default_x86_64"));
  }

  @Test
  void defaultArm64MeansTheGravitonFamiliesLargeTo4xlarge() {
    List<String> arm = names("default_arm64");
    assertThat(families(arm)).containsExactly("m6g", "c6g", "r6g", "c7g");
    assertThat(arm).hasSize(16).contains("m6g.large", "c7g.4xlarge").doesNotContain("m6g.8xlarge");
    assertThat(InstanceTypeCatalog.find("r6g.xlarge")).hasValueSatisfying(t -> {
      assertThat(t.vcpus()).isEqualTo(4);
      assertThat(t.memoryMiB()).isEqualTo(32 * 1024);
    });
  }

  @Test
  void namesGivenTwiceResolveOnce() {
    assertThat(names("m6i.large", "default_x86_64")).filteredOn("m6i.large"::equals).hasSize(1);
  }

  @Test
  void bundlesAreKnownNamesAndTyposAreNot() {
    assertThat(InstanceTypeCatalog.unknown(List.of("default_x86_64", "default_arm64", "optimal", "default_x86")))
        .containsExactly("default_x86");
  }
}
