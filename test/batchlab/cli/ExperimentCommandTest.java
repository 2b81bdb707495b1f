package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code batch-lab experiment} through the CLI: bad input stops before anything starts; a run prints the table. */
class ExperimentCommandTest {

  @TempDir Path tmp;

  private record Result(int exitCode, String out, String err) {}

  private Result run(String... args) {
    CommandLine cli = BatchLab.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("experiment", "--out", tmp.resolve("report").toString()));
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /** Issue 9.7: found before the synthesis and the runs, not after them. */
  @Test
  void anOutDirThatCannotBeWrittenFailsBeforeAnythingStarts() {
    Cli cli = Cli.run("experiment", "--out", "/dev/null/x");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("batch-lab: --out /dev/null/x cannot be created: /dev/null is a file, not a "
        + "directory" + System.lineSeparator());
    assertThat(cli.out()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--max-vcpus=|--max-vcpus needs at least one whole number, e.g. --max-vcpus 4,20",
      "--max-vcpus 4,x|--max-vcpus value 'x' is not a whole number; give comma-separated whole numbers, e.g. 4,20",
      "--max-vcpus 1,20|--max-vcpus value 1 is too small for one job of 2 vCPU (jobVcpus); every value must be at least 2",
      "--jobs 0|--jobs 0 is out of range; give 1 to 10000 jobs",
      "--jobs -1|--jobs -1 is out of range; give 1 to 10000 jobs",
      "--seconds 0|--seconds 0 is out of range; jobs must sleep 1 second or more",
      "--target gcp|--target 'gcp' is not a target; use local or aws",
      "--speed max|--speed max is not allowed for the experiment; give a number such as 60 or 600",
      "--speed fast|--speed fast is not allowed; give a number above 0 and at most 1000000, such as 60 or 600",
      "--speed 0|--speed 0 is not allowed; give a number above 0 and at most 1000000, such as 60 or 600",
      "--target aws --speed 600|--speed only applies to --target local; AWS runs on the real clock",
      "-c maxVcpus=8|-c maxVcpus=8 is set by the experiment; give the sizes with --max-vcpus instead",
      "-c jobVcpus=0|jobVcpus=0 is not allowed (allowed: a whole number from 1 to 256)",
      "-c maxVcpu=8|unknown context key 'maxVcpu': did you mean 'maxVcpus'? (known keys: stackName, name, vpcId, spot, minVcpus, maxVcpus, desiredVcpus, instanceTypes, allocationStrategy, jobVcpus, jobMemoryMiB, jobTimeoutSeconds, runnableTimeoutSeconds, logRetentionDays, terminateJobsOnUpdate, updateTimeoutMinutes, queues, fairShare, shares, shareDecaySeconds, computeReservation, schedulingPriority)",
      "--endpoint-url http://127.0.0.1:1|--endpoint-url applies to --target aws only; local runs its own emulator",
      "--region us-east-1|--region applies to --target aws only; local runs its own emulator",
      "--profile lab|--profile applies to --target aws only; local needs no AWS credentials",
      "--destroy|--destroy applies to --target aws only; a local run deploys nothing to destroy",
      "--target local --yes|--yes applies to --target aws only; a local run costs nothing, so nothing is asked",
      "--hold-seconds -1|--hold-seconds must be zero or more seconds, got -1.0",
      "--hold-seconds 90|hold window (--hold-seconds) must be 0 to 60 seconds of real time, got 90.0",
      "--capacity m7i.large|--capacity entry 'm7i.large' is not TYPE=COUNT (allowed: e.g. m7i.large=6,c7i.large=0)",
      "--target aws --capacity m7i.large=2|--hold-seconds and --capacity only apply to --target local; AWS has its own clock and capacity",
  })
  void badArgumentsFailWithOneLineAndExitTwoBeforeAnythingStarts(String args, String message) {
    Result result = run(args.split(" "));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("batch-lab: " + message + System.lineSeparator());
    assertThat(result.out()).isEmpty();
    assertThat(tmp.resolve("report")).doesNotExist();
  }

  @Test
  void awsTargetAsksFirstAndDeploysNothingWithoutAYes() {
    InputStream stdin = System.in;
    System.setIn(new ByteArrayInputStream("n\n".getBytes()));
    try {
      Result result = run("--target", "aws");

      assertThat(result.exitCode()).isEqualTo(1);
      // No region here: the spot price history cannot be read, so the question uses the labelled assumption.
      assertThat(result.out()).startsWith("This deploys the stack to AWS and launches EC2 instances (spot), which "
          + "costs money. What ./batch-lab plan predicts:")
          .contains("  max vCPU 4: makespan about 417 s, 2 instances at peak, 0.40 instance-hours (boot 0.05, idle 0.17) "
              + "= 0.0120 USD*")
          .contains("total: about 1.66 instance-hours, 0.0502 USD*")
          .contains("spot: ASSUMED 30 % of on-demand").endsWith("Deploy and run? [y/N] ");
      assertThat(result.err()).isEqualTo("batch-lab: warning: spot prices not read (no AWS region: pass --region "
          + "(e.g. --region us-east-1) or set AWS_REGION): spot costs use the ASSUMED 30 % of on-demand"
          + System.lineSeparator()
          + "batch-lab: not confirmed; nothing was deployed (--yes skips the question)" + System.lineSeparator());
      assertThat(tmp.resolve("report")).doesNotExist();
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void defaultExperimentPrintsTheComparisonTableAndWhereTheReportIs() {
    Result result = run("--speed", "120");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).contains("== run 1: max vCPU 4, 10 jobs ==", "== run 2: max vCPU 20, 10 jobs ==");
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("max vCPU  jobs")).findFirst().orElseThrow());
    assertThat(lines.get(header)).isEqualTo("max vCPU  jobs  max running  waves  makespan  ideal makespan  efficiency"
        + "  peak instances  mean RUNNABLE wait  plan makespan  cost USD  boot+idle  USD/job  verdict");
    assertThat(lines.get(header + 1)).matches("\\s+4\\s+10\\s+2\\s+5\\s+.* 300 s\\s+\\d+%\\s+2\\s+.* 417 s\\s+0\\.\\d{4}\\*"
        + "\\s+\\d+%\\s+0\\.\\d{5}\\s+as predicted");
    assertThat(lines.get(header + 2)).matches("\\s+20\\s+10\\s+10\\s+1\\s+.* 60 s\\s+\\d+%\\s+10\\s+.* 157 s\\s+0\\.\\d{4}\\*"
        + "\\s+\\d+%\\s+0\\.\\d{5}\\s+as predicted");
    assertThat(lines).contains("* cost with an ASSUMED spot price (see the prices in the settings)");
    assertThat(lines).contains("report: " + tmp.resolve("report").resolve("report.html")
        + " (also report.md, summary.json, 4 charts)");
  }
}
