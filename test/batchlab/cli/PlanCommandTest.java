package batchlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import batchlab.run.JobAttempt;
import batchlab.run.JobState;
import batchlab.run.TimelineCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
      "--arrival poison:2/min | --arrival poison:2/min: not a known arrival and no such file (allowed: all, rate:N/min,",
      "--arrival rate:0/min | --arrival rate:0/min: the rate must be above 0",
      "--durations exp:0 | --durations exp:0: MEAN must be above 0",
      "--durations lognormal:60,9 | --durations lognormal:60,9: SIGMA 9 is outside 0..5",
      "--durations gamma:2 | --durations gamma:2: not a known duration and no such file",
      "--seconds 30 --durations exp:60 | --seconds 30 and --durations exp:60 both set the run time",
      "--failure-rate 1.5 | --failure-rate 1.5 must be a share of attempts from 0 to 1",
      "--spot-interruption-rate 500 | --spot-interruption-rate 500.0 must be from 0 to 100",
      "--repeat 0 | --repeat 0 must be between 1 and 1000",
      "--capacity m7i.large=x | --capacity entry 'm7i.large=x' is not TYPE=COUNT",
      "--timings /no/such/file | --timings /no/such/file does not exist",
      "--max-vcpus 2,8 -c minVcpus=4 | --max-vcpus 2 is below -c minVcpus=4",
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
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "--arrival | \"\" | --arrival FILE: no values (allowed: submit times in seconds from the start, ascending, one per line)",
      "--arrival | 0\\n10\\n5 | --arrival FILE: submit time 5 comes after 10",
      "--arrival | 0\\nsoon | --arrival FILE line 2 'soon': not a number",
      "--durations | # run times\\n60\\n-3 | --durations FILE line 3 '-3': outside 0.001..31536000",
      "--durations | \"\" | --durations FILE: no values",
  })
  void emptyOrMalformedFilesNameTheFileAndLine(String option, String content, String message) throws Exception {
    Path file = out.resolve("input.txt");
    Files.writeString(file, content.replace("\\n", "\n"));
    Cli cli = Cli.run("plan", "--out", out.resolve("report").toString(), option, file.toString());

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).contains(message.replace("FILE", file.toString()));
    assertThat(cli.err().strip().lines()).hasSize(1);
    assertThat(out.resolve("report")).doesNotExist();
  }

  @Test
  void aSubmitTimeFileSetsTheJobsAndAMismatchingJobsIsRefused() throws Exception {
    Path times = out.resolve("times.txt");
    Files.writeString(times, "100\n100\n160\n");
    Cli planned = Cli.run("plan", "--out", out.resolve("a").toString(), "--arrival", times.toString(),
        "--max-vcpus", "20", "--threads", "1");
    Cli refused = Cli.run("plan", "--out", out.resolve("b").toString(), "--arrival", times.toString(), "--jobs", "5");

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    // times shift to start at 0: two jobs at 0 s, one at 60 s; the last ends 60 + 2 + 90 + 5 + 60 s after the first submit
    assertThat(planned.out()).contains("Workload: 3 jobs of 2 vCPU / 1024 MiB, 60 s each, submitted at the times of " + times)
        .containsPattern("\\n\\s+20  m7i.large\\s+BEST_FIT_PROGRESSIVE  spot\\*\\s+217 s ");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("--jobs 5 does not match the 3 submit times of --arrival " + times);
  }

  @Test
  void durationsComeFromAPastRunsTimelineSucceededAttemptsOnly() throws Exception {
    Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    List<JobAttempt> attempts = List.of(
        new JobAttempt("job-1", "id-1", 1, JobState.FAILED, "Host EC2 (instance i-1) terminated.", null, t0, t0,
            t0.plusSeconds(97), t0.plusSeconds(120), "i-1", "m7i.large", null),
        new JobAttempt("job-1", "id-1", 2, JobState.SUCCEEDED, "Essential container in task exited", 0, t0,
            t0.plusSeconds(120), t0.plusSeconds(130), t0.plusSeconds(220), "i-2", "m7i.large", null),
        new JobAttempt("job-2", "id-2", 1, JobState.SUCCEEDED, "Essential container in task exited", 0, t0, t0,
            t0.plusSeconds(97), t0.plusSeconds(127), "i-3", "m7i.large", null));
    Path timeline = out.resolve("timeline.csv");
    Files.writeString(timeline, TimelineCsv.render(attempts));
    Cli cli = Cli.run("plan", "--out", out.resolve("report").toString(), "--durations", timeline.toString(),
        "--max-vcpus", "20", "--threads", "1");

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    // two jobs (one per SUCCEEDED attempt) of 90 s and 30 s: the longer one sets the makespan
    assertThat(cli.out()).contains("2 jobs of 2 vCPU / 1024 MiB, run times of " + timeline)
        .containsPattern("\\n\\s+20  m7i.large\\s+BEST_FIT_PROGRESSIVE  spot\\*\\s+187 s ");
  }

  @Test
  void repeatedPoissonPlansShowTheSpreadTheLoadAndTheUnboundedQueue() throws Exception {
    Cli cli = Cli.run("plan", "--out", out.toString(), "--arrival", "poisson:6/min", "--durations", "exp:60",
        "--jobs", "60", "--repeat", "3", "--max-vcpus", "4,20", "--deadline", "1h", "--threads", "1");

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("load", "makespan range", "cost range", "3 times (seeds 1..3)")
        .containsPattern("\\n\\s+4  m7i.large\\s+BEST_FIT_PROGRESSIVE  spot\\*\\s+325%  queue grows without bound ")
        .contains("Cheapest within the deadline of 3600 s: makespan ").contains("-c maxVcpus=20 ")
        .contains("2 configurations x 3 runs");
    String summary = Files.readString(out.resolve("summary.json"));
    assertThat(summary).contains("\"makespanSeconds\" : \"queue grows without bound\"", "\"makespanSpread\"",
        "\"repeats\" : 3", "\"recommended\"");
    for (String chart : new String[] {"utilisation-vs-maxvcpus.png", "time-in-system.png", "queue-length.png"}) {
      assertThat(out.resolve(chart)).isNotEmptyFile();
      assertThat(Files.readString(out.resolve("report.md"))).contains("](" + chart + ")");
    }
  }

  @Test
  void calibratedTimingsAndCapacityLimitsReachTheRuns() throws Exception {
    Path timings = out.resolve("timings.json");
    Files.writeString(timings, "{\"instanceBootSeconds\": 150, \"jobStartSeconds\": 12}");
    Cli cli = Cli.run("plan", "--out", out.resolve("report").toString(), "--timings", timings.toString(),
        "--capacity", "m7i.large=3", "--max-vcpus", "20", "--threads", "1");

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    // 3 instances at most: waves of 3, 3, 3, 1; first at 2 + 150 + 12 + 60, then 72 s each
    assertThat(cli.out()).containsPattern("\\n\\s+20  m7i.large\\s+BEST_FIT_PROGRESSIVE  spot\\*\\s+440 s\\s+3\\s+4 ");
  }
  @Test
  void whenEveryQueueGrowsWithoutBoundNothingIsRecommendedAndTheReportIsStillWritten() throws Exception {
    Cli cli = Cli.run("plan", "--out", out.toString(), "--arrival", "poisson:60/min", "--max-vcpus", "4",
        "--deadline", "1h", "--threads", "1");

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Cheapest within the deadline of 3600 s: no configuration finishes within the deadline",
        "(also report.md, summary.json, 3 charts)");
    assertThat(out.resolve("cost-vs-makespan.png")).isNotEmptyFile();
    assertThat(out.resolve("queue-length.png")).doesNotExist();
  }
}
