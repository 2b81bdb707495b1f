package batchlab.cli;

import batchlab.aws.AwsClients;
import batchlab.aws.ConnectionSettings;
import batchlab.aws.SubmitException;
import batchlab.batch.AllocationStrategy;
import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.experiment.SpotPrices;
import batchlab.batch.LabContract;
import batchlab.infra.ContextKey;
import batchlab.infra.StackSettings;
import batchlab.experiment.TimingsFile;
import batchlab.local.CapacityLimits;
import batchlab.local.Timings;
import batchlab.plan.Arrivals;
import batchlab.plan.Configuration;
import batchlab.plan.Durations;
import batchlab.plan.Grid;
import batchlab.plan.PlanOutcome;
import batchlab.plan.PlanReport;
import batchlab.plan.PlanRequest;
import batchlab.plan.Planner;
import batchlab.plan.Prices;
import batchlab.plan.Workload;
import batchlab.util.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code batch-lab plan}: which maxVcpus and instance types finish the work in time, and at what cost. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Run a grid of compute environment configurations (maxVcpus x instance-type sets x strategies x purchase "
          + "options) for one workload on the emulator's own scheduler, in-process on a manual clock, and print "
          + "per configuration the makespan, concurrency, waves, waits, instance time, utilisation and cost; the "
          + "Pareto front; and the cheapest within --deadline and the fastest within --budget as npx cdk deploy lines.",
      "Defaults come from the stack's context (the keys of cdk synth, -c KEY=VALUE): the article's workload.",
      "Exit status: 0 done, 1 runtime failure, 2 bad input (nothing runs), 130 interrupted."
    })
public final class PlanCommand implements Callable<Integer> {

  /** The article's two runs, when -c maxVcpus does not say otherwise. */
  static final String ARTICLE_MAX_VCPUS = "4,20";

  /** Jobs when neither --jobs nor a submit-time or duration file says: the article's ten. */
  static final int DEFAULT_JOBS = 10;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Jobs (default: the lines of an --arrival or --durations file, else " + DEFAULT_JOBS + ").")
  Integer jobs;

  @Option(names = "--seconds", paramLabel = "S",
      description = "How long each job runs (default: " + LabContract.DEFAULT_JOB_SECONDS + "); or --durations.")
  Integer seconds;

  @Option(names = "--durations", paramLabel = "SPEC",
      description = "Run times: SECONDS, exp:MEAN, lognormal:MEDIAN,SIGMA, a file of seconds (one per line, in order, "
          + "repeated when jobs outnumber them) or a past run's timeline.csv (its SUCCEEDED attempts).")
  String durations;

  @Option(names = "--arrival", paramLabel = "SPEC", defaultValue = "all",
      description = "Submits: all (at once, default), rate:N/min, poisson:N/min (/s, /min or /h), or a file of submit "
          + "times in seconds, one per line, ascending.")
  String arrival;

  @Option(names = "--failure-rate", paramLabel = "P", defaultValue = "0",
      description = "Share of jobs whose program exits 1 at the end of its run; final: the stack retries only spot reclaims (default: 0).")
  double failureRate;

  @Option(names = "--spot-interruption-rate", paramLabel = "R", defaultValue = "0",
      description = "Spot reclaims per spot instance-hour, exponential; reclaimed attempts are retried per the stack's retry strategy (default: 0).")
  double spotInterruptionRate;

  @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
      description = "Run each configuration K times, seeds S..S+K-1, and report the spread (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--timings", paramLabel = "FILE",
      description = "Emulator delays from a timings file (./batch-lab calibrate --out) instead of the defaults.")
  Path timingsFile;

  @Option(names = "--capacity", paramLabel = "TYPE=N[,...]",
      description = "At most N instances of TYPE at once, as a spot pool running dry (default: unlimited).")
  String capacity;

  @Option(names = "--job-vcpus", paramLabel = "V", description = "vCPUs per job (default: context jobVcpus, 2).")
  Integer jobVcpus;

  @Option(names = "--job-memory-mib", paramLabel = "M", description = "MiB per job (default: context jobMemoryMiB, 1024).")
  Integer jobMemoryMiB;

  @Option(names = "--max-vcpus", paramLabel = "LIST|FROM..TO[:STEP]",
      description = "maxVcpus values, e.g. 4,20 or 2..40:2 (default: -c maxVcpus, else " + ARTICLE_MAX_VCPUS + ").")
  String maxVcpus;

  @Option(names = "--instance-types", paramLabel = "SET[;SET...]",
      description = "Instance-type sets, ';' between sets, ',' within one (default: context instanceTypes, m7i.large).")
  String instanceTypes;

  @Option(names = "--strategy", paramLabel = "LIST",
      description = "Allocation strategies (default: context allocationStrategy, BEST_FIT_PROGRESSIVE).")
  String strategy;

  @Option(names = "--purchase", paramLabel = "spot,on-demand", description = "Purchase options (default: context spot, spot).")
  String purchase;

  @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Recommend the cheapest configuration that finishes within this, e.g. 5m, 300s.")
  Duration deadline;

  @Option(names = "--budget", paramLabel = "USD", description = "Recommend the fastest configuration that costs at most this.")
  Double budget;

  @Option(names = "--spot-prices", paramLabel = "FILE",
      description = "Spot prices, lines of instanceType,usdPerHour (default: with --region or --endpoint-url the "
          + "EC2 spot price history, else an assumed share of on-demand, labelled).")
  Path spotPrices;

  @Mixin ConnectionOptions connection;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the workload's draws and the emulator's random choices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "N", description = "Configurations run in parallel (default: the processors).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: runs/plan-<time>).")
  Path out;

  @Option(names = {"-c", "--context"}, paramLabel = "KEY=VALUE",
      description = "CDK context for the stack (same keys as cdk synth -c); repeated in the deploy lines.")
  Map<String, String> context = new LinkedHashMap<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PlanRequest request;
    int parallel;
    try {
      request = request();
      parallel = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      if (parallel < 1) {
        throw new BadInputException("--threads " + parallel + " must be 1 or more");
      }
    } catch (IllegalArgumentException e) {
      return ExitCodes.badInput(err, e.getMessage());
    }
    return ExitCodes.run(err, () -> {
      long started = System.nanoTime();
      Planner planner = new Planner(request.workload(), request.settings(), request.prices(), parallel);
      PlanOutcome outcome = PlanOutcome.of(planner.runAll(request.grid()), request.deadlineSeconds(), request.budgetUsd());
      PlanReport report = new PlanReport(request, outcome,
          outcome.recommended().flatMap(r -> planner.detail(r.configuration())));
      out.print(report.text());
      List<Path> files = report.write();
      out.printf("%d configurations%s in %.1f s; report: %s (also report.md, summary.json, %d charts)%n",
          request.grid().size(), repeat > 1 ? " x " + repeat + " runs" : "", (System.nanoTime() - started) / 1e9,
          files.get(0), report.chartFiles().size());
      out.flush();
      return ExitCodes.OK;
    });
  }

  /**
   * Spot prices from --spot-prices, else with --region or --endpoint-url from EC2's spot price history
   * (a warning and the assumption when it cannot be read), else the assumption.
   */
  private Prices prices(List<Configuration> grid) {
    ConnectionSettings where = connection.settings();
    boolean history = where.region() != null || where.endpoint() != null;
    if (spotPrices != null) {
      if (history) {
        throw new BadInputException("--spot-prices and --region/--endpoint-url both give spot prices; use one");
      }
      return Prices.withSpotFile(spotPrices);
    }
    if (!history || grid.stream().noneMatch(Configuration::spot)) {
      return Prices.listPrices();
    }
    List<String> types = grid.stream().filter(Configuration::spot)
        .flatMap(c -> InstanceTypeCatalog.resolve(c.instanceTypes()).stream()).map(InstanceType::name)
        .distinct().sorted().toList();
    PrintWriter err = spec.commandLine().getErr();
    Consumer<String> warn = warning -> {
      err.println("batch-lab: warning: " + warning);
      err.flush();
    };
    AwsClients clients;
    try {
      clients = AwsClients.connect(where, System.getenv());
    } catch (SubmitException e) {
      warn.accept("spot prices not read (" + e.getMessage() + "): spot costs use the " + Prices.assumption());
      return Prices.listPrices();
    }
    try (clients) {
      return SpotPrices.lookup(clients.ec2(), clients.region(), types, Instant.now(), clients.describeTarget(), warn);
    }
  }

  private PlanRequest request() {
    StackSettings stack = StackSettings.fromContext(context);
    int vcpus = jobVcpus == null ? stack.jobVcpus() : jobVcpus;
    int memory = jobMemoryMiB == null ? stack.jobMemoryMiB() : jobMemoryMiB;
    String maxSpec = maxVcpus != null ? maxVcpus
        : context.containsKey(ContextKey.MAX_VCPUS.key()) ? Integer.toString(stack.maxVcpus()) : ARTICLE_MAX_VCPUS;
    List<AllocationStrategy> strategies = strategy == null ? List.of(stack.allocationStrategy())
        : Grid.strategies(strategy);
    List<Boolean> purchases = purchase == null ? List.of(stack.spot()) : Grid.purchases(purchase);
    List<Configuration> grid = Grid.product(Grid.maxVcpus(maxSpec),
        instanceTypes == null ? List.of(stack.instanceTypes()) : Grid.instanceTypeSets(instanceTypes),
        strategies, purchases, vcpus, memory);
    Map<String, String> other = new LinkedHashMap<>(context);
    for (ContextKey planned : List.of(ContextKey.MAX_VCPUS, ContextKey.INSTANCE_TYPES, ContextKey.ALLOCATION_STRATEGY,
        ContextKey.SPOT)) {
      other.remove(planned.key());
    }
    if (jobVcpus != null) {
      other.put(ContextKey.JOB_VCPUS.key(), Integer.toString(vcpus));
    }
    if (jobMemoryMiB != null) {
      other.put(ContextKey.JOB_MEMORY_MIB.key(), Integer.toString(memory));
    }
    Prices prices = prices(grid);
    Path dir = out != null ? out
        : Path.of("runs", "plan-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Timings timings = timingsFile == null ? Timings.DEFAULT : TimingsFile.read(timingsFile);
    Planner.Settings settings = new Planner.Settings(timings, CapacityLimits.parse(capacity), stack.minVcpus(), seed,
        repeat);
    return new PlanRequest(workload(vcpus, memory), grid, prices, settings,
        deadline == null ? null : deadline.toMillis() / 1000.0, budget, other, dir);
  }

  private Workload workload(int vcpus, int memory) {
    if (seconds != null && durations != null) {
      throw new BadInputException("--seconds " + seconds + " and --durations " + durations
          + " both set the run time (allowed: one of them)");
    }
    Arrivals arrivals = Arrivals.parse(arrival);
    Durations runTimes = durations != null ? PlanInputs.durations(durations)
        : Durations.fixed(seconds == null ? LabContract.DEFAULT_JOB_SECONDS : seconds);
    int count = jobs != null ? jobs
        : arrivals.jobs() > 0 ? arrivals.jobs() : runTimes.jobs() > 0 ? runTimes.jobs() : DEFAULT_JOBS;
    return new Workload(count, vcpus, memory, arrivals, runTimes, failureRate, spotInterruptionRate);
  }
}
