package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import batchlab.local.BatchEmulator;
import batchlab.local.Speed;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code plan}: the table, the recommendations as deploy lines, the report files, and bad input before anything runs. */
class PlanCommandTest {

  @TempDir Path out;

  @Test
  void defaultsPlanTheArticlesTwoRunsAndRecommendDeployLines() throws Exception {
    Cli cli = Cli.run("plan", "--out", out.toString(), "--deadline", "5m", "--budget", "0.02", "--threads", "1");

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("\\n\\s+4  m7i.large\\s+BEST_FIT_PROGRESSIVE  spot\\*\\s+417 s\\s+2\\s+5 ");
    assertThat(cli.out()).containsPattern("\\n\\s+20  m7i.large\\s+BEST_FIT_PROGRESSIVE  spot\\*\\s+157 s\\s+10\\s+1 ");
    assertThat(cli.out()).contains("spot: ASSUMED 30 % of on-demand");
    assertThat(cli.out()).contains("Cheapest within the deadline of 300 s: makespan 157 s, 0.0382 USD: npx cdk deploy "
        + "-c maxVcpus=20 -c instanceTypes=m7i.large -c allocationStrategy=BEST_FIT_PROGRESSIVE -c spot=true");
    assertThat(cli.out()).contains("Fastest within the budget of 0.0200 USD: makespan 417 s, 0.0120 USD: npx cdk deploy "
        + "-c maxVcpus=4 ");
    for (String file : new String[] {"report.html", "report.md", "summary.json", "makespan-vs-maxvcpus.png",
        "cost-vs-makespan.png"}) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
    assertThat(Files.readString(out.resolve("summary.json"))).contains("\"paretoFront\" : true", "\"maxVcpus\" : \"20\"");
  }

  @Test
  void withAnEndpointSpotIsPricedFromTheSpotPriceHistoryAndNotMarkedAssumed() throws Exception {
    try (BatchEmulator twin = BatchEmulator.builder().speed(Speed.MANUAL).build().start()) {
      Cli cli = Cli.run("plan", "--out", out.toString(), "--threads", "1", "--endpoint-url", twin.endpoint().toString(),
          "--region", "us-east-1");

      assertThat(cli.exitCode()).as(cli.err()).isZero();
      assertThat(cli.err()).isEmpty();
      // the twin's spot price of m7i.large averages 32 % of 0.1008 USD/h: 0.0120 USD at 30 % becomes 0.0128
      assertThat(cli.out()).containsPattern("\\n\\s+4  m7i.large\\s+BEST_FIT_PROGRESSIVE  spot \\s+417 s .* 0\\.0128 ");
      assertThat(cli.out()).contains("spot: EC2 spot price history, Linux/UNIX, us-east-1, time-weighted average of the "
          + "7 days to ").doesNotContain("(* = assumed spot price)");
    }
  }

  @Test
  void withoutCredentialsTheRegionGivesOneWarningAndTheAssumption() {
    Cli cli = Cli.run("plan", "--out", out.toString(), "--threads", "1", "--region", "eu-west-1", "--profile",
        "batch-lab-no-such-profile");

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.err()).startsWith("batch-lab: warning: spot prices not read (")
        .endsWith("): spot costs use the ASSUMED 30 % of on-demand" + System.lineSeparator());
    assertThat(cli.err().lines()).hasSize(1);
    assertThat(cli.out()).contains("spot: ASSUMED 30 % of on-demand", "(* = assumed spot price)");
  }

  @Test
  void otherContextIsKeptInTheDeployLines() {
    Cli cli = Cli.run("plan", "--out", out.toString(), "--deadline", "10m", "--purchase", "on-demand",
        "-c", "name=lab2", "--threads", "1");

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("npx cdk deploy -c name=lab2 -c maxVcpus=4 -c instanceTypes=m7i.large "
        + "-c allocationStrategy=BEST_FIT_PROGRESSIVE -c spot=false");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--max-vcpus 10..2 | --max-vcpus 10..2 is an empty range",
      "--max-vcpus 1 | --max-vcpus 1 is below the job's 2 vCPU",
      "--job-memory-mib 9000 | fits no type of --instance-types set m7i.large",
      "--deadline 30s | --deadline 30 s is shorter than one job (60 s)",
      "--strategy FASTEST | --strategy FASTEST: unknown strategy 'FASTEST' (allowed: BEST_FIT,",
      "--purchase on-demand --strategy SPOT_CAPACITY_OPTIMIZED | the grid is empty",
      "--instance-types m7i.large;x9.huge | unknown type x9.huge",
      "--purchase cheap | unknown purchase option 'cheap'",
      "--jobs 0 | --jobs 0 must be between 1 and 100000",
      "--spot-prices /no/such/file | --spot-prices /no/such/file: cannot read it",
      "--spot-prices prices.csv --region us-east-1 | --spot-prices and --region/--endpoint-url both give spot prices; use one",
  })
  void badInputFailsInOneLineWithExitTwoAndWritesNothing(String args, String message) throws Exception {
    String[] all = ("plan --out " + out.resolve("report") + " " + args).split(" ");
    Cli cli = Cli.run(all);

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains(message);
    assertThat(cli.err().strip().lines()).hasSize(1);
    assertThat(out.resolve("report")).doesNotExist();
  }

  @Test
  void malformedSpotPriceFileNamesTheLine() throws Exception {
    Path prices = out.resolve("spot.csv");
    Files.writeString(prices, "# type,usd\nm7i.large,0.03\nm7i.large,cheap\n");
    Cli cli = Cli.run("plan", "--out", out.resolve("report").toString(), "--spot-prices", prices.toString());

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("line 3 'm7i.large,cheap': the price must be a positive number of USD per hour");
  }
}
