package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad {@code batch-lab local} options: one line on stderr naming the value, exit 2, nothing started. */
class LocalCommandTest {

  private record Result(int exitCode, String err) {}

  private static Result run(String... args) {
    CommandLine cli = BatchLab.newCommandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int code = cli.execute(args);
    return new Result(code, err.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--speed fast|batch-lab: --speed must be a number above 0 and at most 1000000, or max; got 'fast'",
      "--speed 0|batch-lab: speed must be a number above 0 and at most 1000000, or max; got 0.0",
      "--template /no/such/BatchLab.template.json|batch-lab: --template /no/such/BatchLab.template.json does not exist",
      "--throttle-rate 1.5|batch-lab: throttle rate must be between 0 and 1, got 1.5",
      "--error-rate -0.1|batch-lab: error rate must be between 0 and 1, got -0.1",
      "--submit-tps -5|batch-lab: submit TPS must be zero (off) or more, got -5",
      "--spot-interruption-rate -1|batch-lab: spot interruption rate must be zero or more reclaims per instance-hour, got -1.0",
      "--boot-seconds -3|batch-lab: --boot-seconds must be between 0 and 3155760000 seconds (100 years), got -3.0",
      "--boot-seconds 1e300|batch-lab: --boot-seconds must be between 0 and 3155760000 seconds (100 years), got 1.0E300",
      "--dispatch-seconds 1e17|batch-lab: --dispatch-seconds must be between 0 and 3155760000 seconds (100 years), got 1.0E17",
      "--boot-seconds NaN|batch-lab: --boot-seconds must be between 0 and 3155760000 seconds (100 years), got NaN",
      "--port 70000|batch-lab: port must be between 0 (any free port) and 65535, got 70000",
      "--region mars|batch-lab: region 'mars' is not an AWS region name such as us-east-1",
      "--hold-seconds 61|batch-lab: --hold-seconds must be between 0 and 60 seconds, got 61.0",
      "--hold-seconds -2|batch-lab: --hold-seconds must be between 0 and 60 seconds, got -2.0",
      "--capacity m7i.large=lots|batch-lab: --capacity entry 'm7i.large=lots' is not TYPE=COUNT (allowed: e.g. m7i.large=6,c7i.large=0)",
      "--capacity x1.large=2|batch-lab: capacity limit for 'x1.large': not an instance type the emulator knows (allowed: an exact type such as m7i.large)",
  })
  void rejectsABadOptionWithOneLineAndExitCodeTwo(String args, String message) {
    Result result = run(("local " + args).split(" "));
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(message + System.lineSeparator());
  }

  @Test
  void rejectsTemplateTogetherWithContext() {
    Result result = run("local", "--template", "x.json", "-c", "maxVcpus=8");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("batch-lab: give either --template or -c context values, not both"
        + System.lineSeparator());
  }

  @Test
  void rejectsABadContextValueWithTheSynthesizersOneLineMessage() {
    Result result = run("local", "-c", "maxVcpus=lots");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("batch-lab: ").contains("maxVcpus").doesNotContain("\n" + "batch-lab")
        .endsWith(System.lineSeparator());
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void rejectsATemplateThatIsNotJsonNamingTheProblem() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("broken", ".template.json");
    java.nio.file.Files.writeString(file, "{ not json");
    Result result = run("local", "--template", file.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("batch-lab: template is not valid JSON: ");
    assertThat(result.err().strip().lines()).hasSize(1);
  }
}
