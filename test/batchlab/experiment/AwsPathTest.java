package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.aws.AwsClients;
import batchlab.local.BatchEmulator;
import batchlab.local.LabEmulators;
import batchlab.report.ComparisonRow;
import batchlab.run.RunJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aws target against the emulator (no AWS account exists here): the CDK CLI is replaced by a
 * recorder whose "deploy" updates the emulator's compute environment as the real deploy would.
 */
class AwsPathTest {

  static final List<String> DEPLOY_4 = List.of("npx", "cdk", "deploy", "-c", "maxVcpus=4", "--require-approval", "never");
  static final List<String> DEPLOY_20 = List.of("npx", "cdk", "deploy", "-c", "maxVcpus=20", "--require-approval", "never");
  static final List<String> DESTROY = List.of("npx", "cdk", "destroy", "--force");

  @TempDir Path tmp;
  BatchEmulator emulator;
  AwsClients clients;
  final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    emulator.close();
  }

  private ExperimentSettings settings(boolean destroy) {
    return ExperimentSettings.builder().target(Target.AWS).destroy(destroy).assumeYes(true).outDir(tmp.resolve("out"))
        .build();
  }

  private Experiment experiment(ExperimentSettings settings, RecordingRunner runner) {
    AwsTarget target = AwsTarget.builder().settings(settings).clients(clients).runner(runner).log(log::add)
        .serverClock(emulator::now).pollInterval(Duration.ofMillis(10)).build();
    return new Experiment(settings, target, ExperimentListener.NONE);
  }

  private RecordingRunner runner(ExperimentSettings settings, ToIntFunction<List<String>> exitCodes) {
    emulator = LabEmulators.synthesized(settings.contextFor(4)).speed(ArticleExperimentTest.FAST).build().start();
    clients = AwsClients.forEndpoint(emulator.endpoint(), emulator.region());
    return new RecordingRunner(emulator, clients.batch(), exitCodes);
  }

  @Test
  void deploysEachMaxVcpusWithTheCdkCliThenDestroysAndReproducesTheTable() throws Exception {
    ExperimentSettings settings = settings(true);
    RecordingRunner runner = runner(settings, command -> 0);

    ExperimentResult result = experiment(settings, runner).run();

    assertThat(runner.commands).containsExactly(DEPLOY_4, DEPLOY_20, DESTROY);
    assertThat(log).containsExactly("$ " + String.join(" ", DEPLOY_4), "$ " + String.join(" ", DEPLOY_20),
        "$ " + String.join(" ", DESTROY));
    List<ComparisonRow> rows = result.content().rows();
    assertThat(rows).extracting(ComparisonRow::maxVcpus, ComparisonRow::maxRunning, ComparisonRow::waves,
            ComparisonRow::peakInstances, ComparisonRow::verdict)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(4, 2, 5, 2, "as predicted"),
            org.assertj.core.groups.Tuple.tuple(20, 10, 1, 10, "as predicted"));
    assertThat(result.content().target()).startsWith("AWS (");
    // each run is replayed on the twin, with the default timings and with the ones fitted from it
    assertThat(result.content().runs()).allSatisfy(run -> {
      assertThat(run.twin()).extracting(t -> t.timings())
          .containsExactly("default timings", "timings calibrated from this run");
      assertThat(run.twin()).allSatisfy(t -> assertThat(t.jobs()).isEqualTo(10));
    });
    assertThat(java.nio.file.Files.readString(settings.outDir().resolve("report.md")))
        .contains("### Twin vs this run", "- replayed with default timings: start error mean ");
  }

  @Test
  void destroyRunsEvenAfterAFailedDeployAndThePartialReportIsWritten() throws Exception {
    ExperimentSettings settings = settings(true);
    RecordingRunner runner = runner(settings, command -> RecordingRunner.isDeployOf(command, 20) ? 1 : 0);

    assertThatThrownBy(() -> experiment(settings, runner).run())
        .isInstanceOf(ExperimentException.class)
        .hasMessage("npx cdk deploy -c maxVcpus=20 --require-approval never failed with exit code 1");

    assertThat(runner.commands).containsExactly(DEPLOY_4, DEPLOY_20, DESTROY);
    JsonNode json = RunJson.mapper().readTree(tmp.resolve("out").resolve("summary.json").toFile());
    assertThat(json.get("partial").asBoolean()).isTrue();
    assertThat(json.get("partialReason").asText())
        .isEqualTo("stopped by an error: npx cdk deploy -c maxVcpus=20 --require-approval never failed with exit code 1");
    assertThat(json.get("runs")).hasSize(1);
    assertThat(json.at("/runs/0/comparison/waves").asInt()).isEqualTo(5);
  }

  @Test
  void withoutDestroyTheStackIsLeftDeployed() throws Exception {
    ExperimentSettings settings = ExperimentSettings.builder().target(Target.AWS).maxVcpus(List.of(20)).jobs(2)
        .assumeYes(true).outDir(tmp.resolve("out")).build();
    RecordingRunner runner = runner(settings, command -> 0);

    experiment(settings, runner).run();

    assertThat(runner.commands).containsExactly(DEPLOY_20);
  }

  @Test
  void aFailedDestroyFailsTheCommandAfterACompleteReport() throws Exception {
    ExperimentSettings settings = ExperimentSettings.builder().target(Target.AWS).maxVcpus(List.of(20)).jobs(2)
        .destroy(true).assumeYes(true).outDir(tmp.resolve("out")).build();
    RecordingRunner runner = runner(settings, command -> command.get(2).equals("destroy") ? 3 : 0);

    assertThatThrownBy(() -> experiment(settings, runner).run())
        .isInstanceOf(ExperimentException.class)
        .hasMessage("npx cdk destroy --force failed with exit code 3");

    JsonNode json = RunJson.mapper().readTree(tmp.resolve("out").resolve("summary.json").toFile());
    assertThat(json.get("partial").asBoolean()).isFalse();
    assertThat(json.at("/runs/0/comparison/maxRunning").asInt()).isEqualTo(2);
  }
}
