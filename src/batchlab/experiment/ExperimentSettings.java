package batchlab.experiment;

import batchlab.util.Durations;
import batchlab.batch.BatchLimits;
import batchlab.batch.LabContract;
import batchlab.infra.ContextKey;
import batchlab.infra.StackSettings;
import batchlab.local.BatchEmulator;
import batchlab.local.CapacityLimits;
import batchlab.local.Speed;
import batchlab.local.Timings;
import batchlab.util.BadInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code batch-lab experiment} was asked to do, validated as a whole when built so that a
 * bad argument fails before anything starts.
 *
 * @param maxVcpus the compute environment sizes to try, in order (the article: 4 then 20)
 * @param jobs jobs fanned out per size
 * @param jobSeconds how long each job sleeps (the job definition's {@code seconds} parameter)
 * @param target the local emulator or a real AWS account
 * @param speed the emulator's clock (local target only)
 * @param outDir where the report goes
 * @param destroy whether to run {@code cdk destroy} at the end (aws target only)
 * @param assumeYes skip the cost confirmation (aws target only)
 * @param context CDK context values as {@code -c key=value} gives them (without maxVcpus)
 * @param timeout wall-clock limit for the whole experiment; null for none
 * @param swap how each max vCPU value is applied (deploy: like cdk deploy; console: UpdateComputeEnvironment)
 * @param timingsFile the timings file given with --timings; null for the emulator's defaults
 * @param timings the emulator's delays: the local target runs with them, and on the aws target the
 *     report's "twin vs this run" replays with them next to the run's own calibrated ones
 * @param holdWindow local only: the emulator's client-pacing hold window (real time)
 * @param capacity local only: instances EC2 can give per type ({@link CapacityLimits#NONE}: unlimited)
 * @param scenario what runs: the article's runs (one per maxVcpus value), or a queue scenario on its own
 *     maxVcpus, with its keys in {@code context} ({@link Scenario})
 */
public record ExperimentSettings(
    List<Integer> maxVcpus,
    int jobs,
    int jobSeconds,
    Target target,
    Speed speed,
    Path outDir,
    boolean destroy,
    boolean assumeYes,
    Map<String, String> context,
    Duration timeout,
    SwapMethod swap,
    Path timingsFile,
    Timings timings,
    Duration holdWindow,
    CapacityLimits capacity,
    Scenario scenario) {

  public static final List<Integer> DEFAULT_MAX_VCPUS = List.of(4, 20);
  public static final int DEFAULT_JOBS = 10;
  public static final Speed DEFAULT_SPEED = Speed.of(60);
  /**
   * Jobs per run at most. It bounds what one run holds and draws: the report's timeline chart (one
   * lane per job, every attempt) and, on the local target, every job in the in-process emulator and
   * the watcher's memory. It equals AWS Batch's array size ceiling ({@link BatchLimits#ARRAY_SIZE_MAX}).
   */
  public static final int MAX_JOBS = 10_000;
  static final String MAX_VCPUS_KEY = ContextKey.MAX_VCPUS.key();

  public ExperimentSettings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(swap, "swap");
    maxVcpus = List.copyOf(Objects.requireNonNull(maxVcpus, "maxVcpus"));
    context = Map.copyOf(Objects.requireNonNull(context, "context"));
    timings = timings == null ? Timings.DEFAULT : timings;
    scenario = scenario == null ? Scenario.ARTICLE : scenario;
  }

  /** How the report names the timings the twin runs with. */
  public String timingsLabel() {
    return timingsFile == null ? "default timings" : "--timings " + timingsFile;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The stack's settings (job size, instance types, ...) for the run with {@code maxVcpus}. */
  public StackSettings stackSettings(int maxVcpus) {
    return StackSettings.fromContext(contextFor(maxVcpus));
  }

  /** The CDK context for one run: the user's values plus {@code maxVcpus}. */
  public Map<String, String> contextFor(int maxVcpus) {
    return withMaxVcpus(context, maxVcpus);
  }

  /** The CDK context for one run with {@code extra} keys on top (a scenario's second phase). */
  public Map<String, String> contextFor(int maxVcpus, Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>(contextFor(maxVcpus));
    merged.putAll(extra);
    return merged;
  }

  private static Map<String, String> withMaxVcpus(Map<String, String> context, int maxVcpus) {
    Map<String, String> withMax = new LinkedHashMap<>(context);
    withMax.put(MAX_VCPUS_KEY, Integer.toString(maxVcpus));
    return withMax;
  }

  /**
   * Parses {@code --speed}: a number of times real time. {@code max} parses (and is refused by {@link
   * Builder#build} with its reason), but is not offered: the experiment cannot use it.
   */
  public static Speed parseSpeed(String text) {
    String value = text.trim();
    if (value.equalsIgnoreCase(Speed.MAX.toString())) {
      return Speed.MAX;
    }
    try {
      double factor = Double.parseDouble(value);
      if (factor > 0 && factor <= Speed.MAX_FACTOR) {
        return Speed.of(factor);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadInputException("--speed " + text + " is not allowed; give a number above 0 and at most "
        + (long) Speed.MAX_FACTOR + ", such as 60 or 600");
  }

  /** The default report directory: {@code runs/experiment-<local time>}. */
  public static Path defaultOutDir(LocalDateTime now) {
    return Path.of("runs", "experiment-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** Builds settings in the style of the AWS SDK v2 builders; {@link #build} validates everything. */
  public static final class Builder {
    private List<Integer> maxVcpus;
    private Integer jobs;
    private Scenario scenario = Scenario.ARTICLE;
    private int jobSeconds = LabContract.DEFAULT_JOB_SECONDS;
    private Target target = Target.LOCAL;
    private Speed speed;
    private Path outDir;
    private boolean destroy;
    private boolean assumeYes;
    private Map<String, String> context = Map.of();
    private Duration timeout;
    private SwapMethod swap = SwapMethod.DEPLOY;
    private Path timingsFile;
    private Duration holdWindow;
    private CapacityLimits capacity;

    private Builder() {}

    /** How each value is applied (default: deploy, like cdk deploy). */
    public Builder swap(SwapMethod swap) {
      this.swap = Objects.requireNonNull(swap, "swap");
      return this;
    }

    /** A timings file ({@code ./batch-lab calibrate --out}); null for the emulator's defaults. */
    public Builder timingsFile(Path timingsFile) {
      this.timingsFile = timingsFile;
      return this;
    }

    public Builder maxVcpus(List<Integer> maxVcpus) {
      this.maxVcpus = maxVcpus;
      return this;
    }

    /** What runs (default: the article's runs). */
    public Builder scenario(Scenario scenario) {
      this.scenario = Objects.requireNonNull(scenario, "scenario");
      return this;
    }

    /** Jobs per run (article), per queue (priority) or per share (fair-share); null for the scenario's default. */
    public Builder jobs(Integer jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder jobSeconds(int jobSeconds) {
      this.jobSeconds = jobSeconds;
      return this;
    }

    public Builder target(Target target) {
      this.target = target;
      return this;
    }

    /** The emulator's clock; null for the default (60x). */
    public Builder speed(Speed speed) {
      this.speed = speed;
      return this;
    }

    /** The report directory; null for {@link #defaultOutDir}. */
    public Builder outDir(Path outDir) {
      this.outDir = outDir;
      return this;
    }

    public Builder destroy(boolean destroy) {
      this.destroy = destroy;
      return this;
    }

    public Builder assumeYes(boolean assumeYes) {
      this.assumeYes = assumeYes;
      return this;
    }

    public Builder context(Map<String, String> context) {
      this.context = context == null ? Map.of() : context;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The emulator's client-pacing hold window; null for the default (2 s). */
    public Builder holdWindow(Duration holdWindow) {
      this.holdWindow = holdWindow;
      return this;
    }

    /** Instances EC2 can give per type on the emulator; null for unlimited. */
    public Builder capacity(CapacityLimits capacity) {
      this.capacity = capacity;
      return this;
    }

    public ExperimentSettings build() {
      List<Integer> maxVcpus = this.maxVcpus == null ? DEFAULT_MAX_VCPUS : this.maxVcpus;
      Map<String, String> context = this.context;
      if (scenario != Scenario.ARTICLE) {
        if (this.maxVcpus != null) {
          throw new BadInputException("--max-vcpus applies to --scenario article only; --scenario "
              + scenario.cliName() + " runs with maxVcpus " + scenario.maxVcpus());
        }
        maxVcpus = List.of(scenario.maxVcpus());
        context = scenario.contextWith(context);
      }
      int jobs = this.jobs == null ? scenario.defaultJobs() : this.jobs;
      if (maxVcpus.isEmpty()) {
        throw new BadInputException(
            "--max-vcpus needs at least one whole number, e.g. --max-vcpus 4,20");
      }
      if (context.containsKey(MAX_VCPUS_KEY)) {
        throw new BadInputException(
            "-c maxVcpus=" + context.get(MAX_VCPUS_KEY)
                + " is set by the experiment; give the sizes with --max-vcpus instead");
      }
      checkStackSettings(maxVcpus, context);
      if (jobs < 1 || jobs > MAX_JOBS) {
        throw new BadInputException(
            "--jobs " + jobs + " is out of range; give 1 to " + MAX_JOBS + " jobs");
      }
      if (jobSeconds < 1) {
        throw new BadInputException(
            "--seconds " + jobSeconds + " is out of range; jobs must sleep 1 second or more");
      }
      if (speed != null && target == Target.AWS) {
        throw new BadInputException(
            "--speed only applies to --target local; AWS runs on the real clock");
      }
      if ((holdWindow != null || capacity != null) && target == Target.AWS) {
        throw new BadInputException(
            "--hold-seconds and --capacity only apply to --target local; AWS has its own clock and capacity");
      }
      Duration hold = holdWindow == null ? BatchEmulator.DEFAULT_HOLD_WINDOW : holdWindow;
      BatchEmulator.builder().holdWindow(hold); // checks the value with the emulator's own message
      Speed clockSpeed = speed == null ? DEFAULT_SPEED : speed;
      if (clockSpeed.stepped()) {
        // A stepped clock races through every event while the watcher sleeps between polls, so the
        // polls would miss the instances entirely.
        throw new BadInputException(
            "--speed " + clockSpeed + " is not allowed for the experiment; give a number such as 60 or 600");
      }
      if (swap == SwapMethod.CONSOLE && target == Target.AWS) {
        throw new BadInputException(
            "--swap console applies to --target local only; on AWS each value is deployed with npx cdk deploy");
      }
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new BadInputException("--timeout " + Durations.words(timeout) + " is not allowed; give a positive duration");
      }
      Path dir = outDir == null ? defaultOutDir(LocalDateTime.now()) : outDir;
      ReportDirectory.check(dir);
      Timings timings = timingsFile == null ? Timings.DEFAULT : TimingsFile.read(timingsFile);
      return new ExperimentSettings(
          maxVcpus, jobs, jobSeconds, target, clockSpeed, dir, destroy, assumeYes, context, timeout, swap,
          timingsFile, timings, hold, capacity == null ? CapacityLimits.NONE : capacity, scenario);
    }

    /**
     * The context as the stack would read it for every maxvCpus value: bad values fail with the
     * stack's own one-line message, and a value below one job's vCPUs with ours.
     */
    private static void checkStackSettings(List<Integer> maxVcpus, Map<String, String> context) {
      int largest = maxVcpus.stream().max(Integer::compare).orElseThrow();
      int jobVcpus = StackSettings.fromContext(withMaxVcpus(context, largest)).jobVcpus();
      for (int value : maxVcpus) {
        if (value < jobVcpus) {
          throw new BadInputException(
              "--max-vcpus value " + value + " is too small for one job of " + jobVcpus
                  + " vCPU (jobVcpus); every value must be at least " + jobVcpus);
        }
        StackSettings.fromContext(withMaxVcpus(context, value));
      }
    }
  }
}
