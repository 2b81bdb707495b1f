package batchlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.infra.JobScript;
import batchlab.local.WorkloadModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab's workload model against the job script itself: for each {@code seconds} value, the script's own
 * argument check (sleep_example.py's parse_seconds, run with python3) is the reference, and the model
 * must sleep the same time or fail with the same line and exit status.
 */
class LabWorkloadMatchesTheScriptTest {

  private static JobScript script;

  @BeforeAll
  static void findPython() {
    script = JobScript.withPython3OrSkip();
  }

  @ParameterizedTest(name = "seconds=[{0}]")
  @ValueSource(strings = {"60", " 2.5 ", "0", "-0", "+3", "86400", ".5", "5.", "1e3", "1E2", "1_000", "0.0015",
      "86400.5", "1e30", "-1", "soon", "nan", "inf", "-Infinity", "1d", "0x10", "1__0", "_1", "1 2", "", " ",
      "it's", "say \"hi\"", "a\\b"})
  void theModelRunsAsTheScriptReadsItsArgument(String seconds) throws Exception {
    JobScript.Result reference = script.parseSeconds(seconds);
    WorkloadModel.Run run = LabWorkload.DEFAULT.run(new WorkloadModel.Submission("job", "batch-lab-job",
        Map.of("seconds", seconds), List.of("python", "sleep_example.py", seconds)));

    if (reference.exitCode() == 0) {
      double slept = Double.parseDouble(reference.stdoutLines().get(0));
      assertThat(run.failure()).isNull();
      assertThat(run.duration()).isEqualTo(Duration.ofMillis(Math.round(slept * 1000)));
    } else {
      assertThat(reference.exitCode()).as("the script's exit status for a bad argument").isEqualTo(2);
      assertThat(run.failure()).isEqualTo(reference.stderr().strip());
      assertThat(run.failureExitCode()).isEqualTo(reference.exitCode());
      assertThat(run.duration()).isZero();
    }
  }
}
