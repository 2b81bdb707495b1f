package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import batchlab.infra.ProjectFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's pinned CDK CLI accepts a cloud assembly handed back by the synth cache: the app
 * command of cdk.json, with this test JVM's classpath and an empty cache of its own.
 */
class CachedSynthCdkCliTest {

  private static final Path ROOT = ProjectFiles.locate().root();

  @TempDir Path dir;

  private record Synth(int exitCode, String stdout, String stderr) {}

  private Synth cdkSynth(Path outdir) throws Exception {
    String app = String.join(" ", ROOT.resolve("src/launcher/synth-cache").toString(), ROOT.toString(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "batchlab.cli.BatchLab", "cdk-app");
    ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("node_modules/.bin/cdk").toString(),
        "synth", "--app", app, "-c", "maxVcpus=4", "-o", outdir.toString(), "--no-notices")
        .directory(ROOT.toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("BATCH_LAB_") || name.startsWith("CDK_"));
    builder.environment().put("BATCH_LAB_SYNTH_CACHE_DIR", dir.resolve("cache").toString());
    builder.environment().put("CDK_VALIDATION", "false");
    Process process = builder.start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("cdk synth finished").isTrue();
    return new Synth(process.exitValue(), stdout, Files.readString(dir.resolve("stderr.txt")));
  }

  @Test
  void theCdkCliReadsTheCachedAssemblyLikeAFreshOne() throws Exception {
    assumeThat(ROOT.resolve("node_modules/.bin/cdk")).as("the CDK CLI (npm ci)").exists();
    Path cached = dir.resolve("cdk.out");

    Synth first = cdkSynth(cached);
    Files.move(cached, dir.resolve("first.out"));
    Synth second = cdkSynth(cached);

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(first.stderr()).doesNotContain("synth cache");
    assertThat(second.stderr()).contains("cloud assembly reused from the synth cache");
    // The CLI printed the template it read from the handed-back assembly.
    assertThat(second.stdout()).isEqualTo(first.stdout()).contains("Type: MANAGED");
    String template = "BatchLab.template.json";
    assertThat(Files.readString(cached.resolve(template))).isEqualTo(Files.readString(
        onlyEntry().resolve(template)));
    List<String> assets;
    try (var files = Files.list(cached)) {
      assets = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("asset.")).toList();
    }
    assertThat(assets).singleElement();
    assertThat(cached.resolve(assets.get(0)).resolve("Dockerfile")).exists();
  }

  private Path onlyEntry() throws Exception {
    try (var files = Files.list(dir.resolve("cache"))) {
      return files.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }
}
