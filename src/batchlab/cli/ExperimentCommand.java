package batchlab.cli;

import batchlab.aws.AwsClients;
import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.batch.LabContract;
import batchlab.experiment.AwsTarget;
import batchlab.experiment.ConsoleConfirmation;
import batchlab.experiment.Experiment;
import batchlab.experiment.ExperimentPlan;
import batchlab.experiment.ExperimentResult;
import batchlab.experiment.ExperimentSettings;
import batchlab.experiment.ExperimentTarget;
import batchlab.experiment.LocalTarget;
import batchlab.experiment.MaxVcpusList;
import batchlab.experiment.Scenario;
import batchlab.experiment.SpotPrices;
import batchlab.experiment.StreamingProcessRunner;
import batchlab.experiment.SwapMethod;
import batchlab.experiment.Target;
import batchlab.infra.StackSettings;
import batchlab.local.CapacityLimits;
import batchlab.local.Speed;
import batchlab.plan.Prices;
import batchlab.report.ComparisonRow;
import batchlab.report.ComparisonTable;
import batchlab.report.ReportWriter;
import batchlab.util.BadInputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code batch-lab experiment}: the article's whole procedure in one command, with a report. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = {
      "Run the \"what happens when vCPUs run out\" experiment: for each max vCPU value, give the compute "
          + "environment that value, fan out the jobs, watch them, then compare the runs in a table and a report "
          + "(report.html, report.md, summary.json, charts).",
      "--target local (default) runs on the in-process emulator: no AWS account, no cost.",
      "Exit status: 0 all runs done and all jobs succeeded, 1 failure or time limit (a partial report is written), "
          + "2 bad input, 130 interrupted (partial report written)."
    })
public final class ExperimentCommand implements Callable<Integer> {

  @Option(names = "--scenario", paramLabel = "article|priority|fair-share", defaultValue = "article",
      description = "What to run: the article's runs, two queues of different priority, or fair share between "
          + "two teams (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--max-vcpus", paramLabel = "V[,V...]",
      description = "Compute environment max vCPU values to run in turn (default: 4,20; article only).")
  String maxVcpus;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Jobs per run (article, default 10), per queue (priority, default 10) or per share "
          + "(fair-share, default 20).")
  Integer jobs;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "" + LabContract.DEFAULT_JOB_SECONDS,
      description = "How long each job sleeps (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--target", paramLabel = "local|aws", defaultValue = "local",
      description = "local: the in-process emulator; aws: deploy with npx cdk and run on AWS "
          + "(default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--speed", paramLabel = "N",
      description = "Emulator clock: N times real time (local only; default: 60, a 60 s job takes 1 s).")
  String speed;

  @Option(names = "--hold-seconds", paramLabel = "S",
      description = "Emulator client pacing: real seconds the clock runs at real speed after a state-changing call "
          + "(local only; default: 2).")
  Double holdSeconds;

  @Option(names = "--capacity", paramLabel = "TYPE=N[,...]",
      description = "Most instances EC2 can give of a type at once on the emulator, e.g. m7i.large=6 "
          + "(local only; default: unlimited).")
  String capacity;

  @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: runs/experiment-<time>).")
  Path out;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long and write a partial report, e.g. 30s, 20m (default: none).")
  Duration timeout;

  @Option(names = "--swap", paramLabel = "deploy|console", defaultValue = "deploy",
      description = "How the next max vCPU value is applied: deploy (the stack synthesized with it, applied with "
          + "UpdateStack, like cdk deploy) or console (UpdateComputeEnvironment, as the article did; local only) "
          + "(default: ${DEFAULT-VALUE}).")
  String swap;

  @Option(names = "--destroy", description = "aws: run npx cdk destroy at the end, also after a failure.")
  boolean destroy;

  @Option(names = "--yes", description = "aws: do not ask for confirmation before deploying.")
  boolean yes;

  @Option(names = {"-c", "--context"}, paramLabel = "KEY=VALUE",
      description = "CDK context for the stack (same keys as cdk synth -c; maxVcpus comes from --max-vcpus).")
  Map<String, String> context = new LinkedHashMap<>();

  @Option(names = "--timings", paramLabel = "FILE",
      description = "Emulator delays from a timings file (./batch-lab calibrate --out): local runs with them; "
          + "on aws the report's twin replays with them besides the run's own.")
  Path timingsFile;

  @Mixin ConnectionOptions connection;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ExperimentSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      // Every argument check, ours or the parsers' (Speed.parse), throws one: bad input.
      return ExitCodes.badInput(err, e.getMessage());
    }
    return ExitCodes.run(err, () -> execute(settings, out, err));
  }

  private ExperimentSettings settings() {
    Target where = Target.parse(target);
    if (where == Target.LOCAL) {
      refuseAwsOnlyOptions();
    }
    Speed clock = speed == null ? null : ExperimentSettings.parseSpeed(speed);
    return ExperimentSettings.builder().scenario(Scenario.parse(scenario))
        .maxVcpus(maxVcpus == null ? null : MaxVcpusList.parse(maxVcpus)).jobs(jobs).jobSeconds(seconds).target(where).speed(clock)
        .outDir(out).timeout(timeout).destroy(destroy).assumeYes(yes).context(context).swap(SwapMethod.parse(swap))
        .timingsFile(timingsFile)
        .holdWindow(holdSeconds == null ? null : holdWindow(holdSeconds))
        .capacity(capacity == null ? null : CapacityLimits.parse(capacity)).build();
  }

  /** What each aws-only option would do, and why it means nothing for a local run. */
  private static final Map<String, String> AWS_ONLY = Map.of(
      "--endpoint-url", "local runs its own emulator",
      "--region", "local runs its own emulator",
      "--profile", "local needs no AWS credentials",
      "--destroy", "a local run deploys nothing to destroy",
      "--yes", "a local run costs nothing, so nothing is asked");

  /** Refuses the options that only apply to the aws target, as --speed is refused there. */
  private void refuseAwsOnlyOptions() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (CommandLine.Model.OptionSpec option : spec.options()) {
      String reason = AWS_ONLY.get(option.longestName());
      if (reason != null && parsed.hasMatchedOption(option)) {
        throw new BadInputException(option.longestName() + " applies to --target aws only; " + reason);
      }
    }
  }

  private static Duration holdWindow(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new BadInputException("--hold-seconds must be zero or more seconds, got " + seconds);
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private int execute(ExperimentSettings settings, PrintWriter out, PrintWriter err) throws InterruptedException {
    boolean terminal = System.console() != null;
    ExperimentTarget where;
    ExperimentPlan plan;
    if (settings.target() == Target.LOCAL) {
      err.println("synthesizing the stack and starting the local emulator...");
      err.flush();
      plan = ExperimentPlan.of(settings, Prices.listPrices());
      where = LocalTarget.start(settings);
    } else {
      Consumer<String> warn = warning -> {
        err.println("batch-lab: warning: " + warning);
        err.flush();
      };
      // Connecting makes no call; without a region or credentials the question still comes first, with the
      // assumed spot price, and the run fails after it as before.
      AwsClients priced = null;
      Prices prices;
      try {
        priced = AwsClients.connect(connection.settings(), System.getenv());
        prices = awsPrices(settings, priced, warn);
      } catch (RuntimeException e) {
        warn.accept("spot prices not read (" + e.getMessage() + "): spot costs use the " + Prices.assumption());
        prices = Prices.listPrices();
      }
      plan = ExperimentPlan.of(settings, prices);
      if (!plan.confirmed(settings, new ConsoleConfirmation(
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out))) {
        if (priced != null) {
          priced.close();
        }
        return ExitCodes.failure(err, "not confirmed; nothing was deployed (--yes skips the question)");
      }
      AwsClients clients = priced != null ? priced : AwsClients.connect(connection.settings(), System.getenv());
      where = AwsTarget.builder().settings(settings).clients(clients)
          .runner(new StreamingProcessRunner(Path.of("."), line -> {
            out.println("  | " + line);
            out.flush();
          }))
          .log(line -> {
            out.println(line);
            out.flush();
          })
          .build();
    }
    out.println("target: " + where.description());
    // The experiment owns the target from here: it stops the emulator or destroys the stack at the end.
    Experiment experiment = new Experiment(settings, where, new ConsoleExperimentDisplay(out, err, terminal), plan);
    // Closed only after the results are printed: after Ctrl-C the hook holds the JVM until then.
    CtrlC ctrlC = new CtrlC(experiment::requestStop);
    try {
      ExperimentResult result = experiment.run();
      print(result, out);
      if (result.interrupted()) {
        return ExitCodes.INTERRUPTED;
      }
      return result.allSucceeded() ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    } catch (RuntimeException e) {
      int code = ExitCodes.report(err, e);
      Path report = settings.outDir().resolve(ReportWriter.HTML_FILE);
      if (Files.exists(report)) { // named only when it was written
        err.println("batch-lab: the report as far as the experiment got: " + report);
        err.flush();
      }
      return code;
    } finally {
      ctrlC.close();
    }
  }

  /** Spot runs are priced from the account's spot price history when it may be read, else with the assumption. */
  private static Prices awsPrices(ExperimentSettings settings, AwsClients clients, Consumer<String> warn) {
    StackSettings stack = settings.stackSettings(settings.maxVcpus().get(0));
    if (!stack.spot()) {
      return Prices.listPrices();
    }
    List<String> types = InstanceTypeCatalog.resolve(stack.instanceTypes()).stream().map(InstanceType::name).toList();
    return SpotPrices.lookup(clients.ec2(), clients.region(), types, Instant.now(), clients.describeTarget(), warn);
  }

  private static void print(ExperimentResult result, PrintWriter out) {
    List<ComparisonRow> rows = result.content().rows();
    out.println();
    if (result.content().partial()) {
      out.println("PARTIAL: " + result.content().partialReason());
    }
    out.print(ComparisonTable.text(rows));
    String note = ComparisonTable.assumedSpotNote(rows);
    if (!note.isEmpty()) {
      out.println(note);
    }
    out.println();
    for (int i = 0; i < rows.size(); i++) {
      out.println("run " + (i + 1) + ": " + rows.get(i).verdictDetail());
    }
    if (result.scenarioVerdict() != null) {
      out.println("scenario " + result.content().settings().get("scenario") + ": " + result.scenarioVerdict().line());
    }
    out.println("report: " + result.files().html() + " (also " + result.files().markdown().getFileName() + ", "
        + result.files().summaryJson().getFileName() + ", " + result.files().charts().size() + " charts)");
    out.flush();
  }
}
