package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.local.Speed;
import batchlab.run.Outcome;
import batchlab.run.RunJson;
import batchlab.run.Sample;
import batchlab.watch.WatchListener;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A time limit, Ctrl-C or an interrupt mid-run still leaves a report, marked partial. */
class PartialReportTest {

  @TempDir Path tmp;

  @Test
  void timeoutMidRunWritesAPartialReportMarkedAsSuch() throws Exception {
    // At 60x the first run needs about 7 s; one second in, jobs are still waiting for instances.
    ExperimentSettings settings = ExperimentSettings.builder().speed(Speed.of(60)).timeout(Duration.ofSeconds(1))
        .outDir(tmp.resolve("timeout")).build();

    ExperimentResult result = new Experiment(settings, LocalTarget.start(settings), ExperimentListener.NONE).run();

    assertThat(result.content().partialReason()).isEqualTo("timed out after --timeout 1 s during run 1 (max vCPU 4)");
    assertThat(result.interrupted()).isFalse();
    assertThat(result.allSucceeded()).isFalse();
    assertThat(result.content().runs()).singleElement()
        .satisfies(r -> assertThat(r.summary().outcome()).isEqualTo(Outcome.TIMED_OUT));
    assertThat(result.content().rows().get(0).verdict()).isEqualTo("incomplete (timed out)");
    assertMarkedPartial(settings.outDir(), "timed out after --timeout 1 s");
  }

  @Test
  void stopRequestMidRunLikeCtrlCWritesAPartialReport() throws Exception {
    ExperimentSettings settings = ExperimentSettings.builder().speed(Speed.of(600)).outDir(tmp.resolve("stop")).build();
    AtomicReference<Experiment> experiment = new AtomicReference<>();
    // What the Ctrl-C hook does, as soon as the first jobs run.
    experiment.set(new Experiment(settings, LocalTarget.start(settings),
        onFirstRunningJobs(() -> experiment.get().requestStop())));

    ExperimentResult result = experiment.get().run();

    assertThat(result.content().partialReason()).isEqualTo("interrupted during run 1 (max vCPU 4)");
    assertThat(result.interrupted()).isTrue();
    assertThat(result.content().runs()).singleElement().satisfies(r -> {
      assertThat(r.summary().outcome()).isEqualTo(Outcome.INTERRUPTED);
      assertThat(r.summary().maxRunning()).isBetween(1, 2);
    });
    assertMarkedPartial(settings.outDir(), "interrupted during run 1");
  }

  @Test
  void interruptingTheRunThreadWritesAPartialReport() throws Exception {
    ExperimentSettings settings = ExperimentSettings.builder().speed(Speed.of(600)).outDir(tmp.resolve("interrupt"))
        .build();
    CountDownLatch running = new CountDownLatch(1);
    Experiment experiment = new Experiment(settings, LocalTarget.start(settings), onFirstRunningJobs(running::countDown));
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        outcome.set(experiment.run());
      } catch (Exception e) {
        outcome.set(e);
      }
    }, "experiment-under-test");
    thread.start();

    assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
    thread.interrupt();
    thread.join(60_000);

    assertThat(thread.isAlive()).isFalse();
    // The interrupt lands either in the watcher's sleep (a clean stop with the run's data) or inside
    // an SDK call (the call fails); either way the report is written and says interrupted.
    Path dir = settings.outDir();
    JsonNode json = RunJson.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(json.get("partial").asBoolean()).isTrue();
    assertThat(json.get("partialReason").asText()).startsWith("interrupted");
    assertThat(Jsoup.parse(dir.resolve("report.html").toFile()).select("p.partial").text())
        .startsWith("PARTIAL REPORT: interrupted");
    if (outcome.get() instanceof ExperimentResult result) {
      assertThat(result.content().partialReason()).isEqualTo("interrupted during run 1 (max vCPU 4)");
      assertMarkedPartial(dir, "interrupted during run 1");
    } else {
      assertThat(outcome.get()).isInstanceOf(RuntimeException.class);
    }
  }

  /** A listener that runs {@code action} once, at the first poll that sees a job RUNNING. */
  private static ExperimentListener onFirstRunningJobs(Runnable action) {
    return new ExperimentListener() {
      private boolean done;

      @Override
      public WatchListener watchListener() {
        return new WatchListener() {
          @Override
          public void polled(Sample sample, Duration elapsed, int jobs) {
            if (!done && sample.running() > 0) {
              done = true;
              action.run();
            }
          }
        };
      }
    };
  }

  private static void assertMarkedPartial(Path dir, String reason) throws Exception {
    var html = Jsoup.parse(dir.resolve("report.html").toFile());
    assertThat(html.select("p.partial").text()).startsWith("PARTIAL REPORT: " + reason);
    assertThat(html.select("table tbody tr")).hasSize(1);
    assertThat(html.select("img")).hasSize(2);
    assertThat(Files.readString(dir.resolve("report.md"))).contains("**PARTIAL REPORT: " + reason);
    JsonNode json = RunJson.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(json.get("partial").asBoolean()).isTrue();
    assertThat(json.get("partialReason").asText()).startsWith(reason);
    assertThat(dir.resolve("run1-max4-timeline.png")).isRegularFile();
    assertThat(dir.resolve("run1-max4-activity.png")).isRegularFile();
  }
}
