package batchlab.cli;

import batchlab.experiment.LabWorkload;
import batchlab.experiment.TimingsFile;
import batchlab.infra.ContextKey;
import batchlab.infra.ChildSynthesizer;
import batchlab.infra.StackSettings;
import batchlab.infra.SynthesizedStack;
import batchlab.local.BatchEmulator;
import batchlab.local.CapacityLimits;
import batchlab.local.EmulatorBanner;
import batchlab.local.Faults;
import batchlab.local.Speed;
import batchlab.local.Timings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code batch-lab local}: serve the AWS Batch emulator for the stack until Ctrl-C. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = "Run the local AWS Batch emulator (Batch, ECS and CloudFormation APIs on 127.0.0.1), "
        + "configured from the stack's template, until Ctrl-C.")
public final class LocalCommand implements Callable<Integer> {

  /** How long Ctrl-C waits for the emulator to stop and its endpoint record to go. */
  private static final Duration CLEAN_UP_LIMIT = Duration.ofSeconds(10);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Counted down to stop serving: by the shutdown hook (Ctrl-C), or by a test. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Option(names = "--port", description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = 0;

  @Option(names = "--template", paramLabel = "FILE",
      description = "CloudFormation template (JSON) to load instead of synthesizing, e.g. cdk.out/BatchLab.template.json.")
  Path template;

  @Option(names = "--stack-name",
      description = "Stack name DescribeStacks answers to (default: the synthesized stack's, or the template file's "
          + "name without .template.json).")
  String stackName;

  @Option(names = {"-c", "--context"}, paramLabel = "KEY=VALUE",
      description = "CDK context for the stack synthesized in-process (same keys as cdk synth -c; default: none).")
  Map<String, String> context = new LinkedHashMap<>();

  @Option(names = "--region", description = "Region in ARNs and endpoints (default: ${DEFAULT-VALUE}).")
  String region = "us-east-1";

  @Option(names = "--speed", paramLabel = "N|max",
      description = "Virtual clock speed: N times real time, or max (default: ${DEFAULT-VALUE}).")
  String speed = "60";

  @Option(names = "--hold-seconds", paramLabel = "S",
      description = "Client pacing: after a state-changing call the clock runs at real speed for S real seconds, "
          + "so a client's gaps are kept as they are; 0 = off (default: ${DEFAULT-VALUE}).")
  double holdSeconds = BatchEmulator.DEFAULT_HOLD_WINDOW.toMillis() / 1000.0;

  @Option(names = "--capacity", paramLabel = "TYPE=N[,...]",
      description = "Most instances EC2 can give of a type at once, e.g. m7i.large=6 (default: unlimited).")
  String capacity;

  @Option(names = "--seed", description = "Seed for ids, generated names and faults (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--reproducible-ids",
      description = "Ids from --seed alone, the same on every start (default: they also depend on the start instant, "
          + "so a restarted emulator never hands out an id again).")
  boolean reproducibleIds;

  @Option(names = "--timings", paramLabel = "FILE",
      description = "Delays from a timings file (./batch-lab calibrate --out); the --*-seconds options override it.")
  Path timingsFile;

  @Option(names = "--boot-seconds", description = "Instance boot delay, virtual seconds (default: 90, or --timings).")
  Double bootSeconds;

  @Option(names = "--job-start-seconds", description = "STARTING to RUNNING, virtual seconds (default: 5, or --timings).")
  Double jobStartSeconds;

  @Option(names = "--dispatch-seconds", description = "SUBMITTED to RUNNABLE, virtual seconds (default: 2, or --timings).")
  Double dispatchSeconds;

  @Option(names = "--scale-down-seconds",
      description = "Idle time before an instance is terminated (default: 300, or --timings).")
  Double scaleDownSeconds;

  @Option(names = "--default-job-seconds",
      description = "Run time of a job without a numeric 'seconds' parameter (default: ${DEFAULT-VALUE}).")
  double defaultJobSeconds = LabWorkload.DEFAULT.defaultDuration().toSeconds();

  @Option(names = "--spot-interruption-rate", paramLabel = "R",
      description = "Spot reclaims per instance per virtual hour (default: ${DEFAULT-VALUE}).")
  double spotInterruptionRate = 0;

  @Option(names = "--throttle-rate", paramLabel = "R",
      description = "Share of requests answered 429 TooManyRequestsException (default: ${DEFAULT-VALUE}).")
  double throttleRate = 0;

  @Option(names = "--error-rate", paramLabel = "R",
      description = "Share of requests answered 500 ServerException (default: ${DEFAULT-VALUE}).")
  double errorRate = 0;

  @Option(names = "--submit-tps", paramLabel = "N",
      description = "SubmitJob calls per real second before 429, like AWS's quota of 50; 0 = off (default: ${DEFAULT-VALUE}).")
  int submitTps = 0;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Start-up takes seconds (the synthesis starts the CDK's jsii runtime): say what is happening.
    Consumer<String> progress = step -> {
      err.println("batch-lab local: " + step + "...");
      err.flush();
    };
    BatchEmulator emulator;
    try {
      BatchEmulator built = EmulatorSettings.builder(this, progress).build();
      progress.accept("starting the emulator on 127.0.0.1");
      emulator = built.start();
    } catch (IllegalArgumentException e) {
      // Every option check, ours or the emulator's, throws one: bad input.
      return ExitCodes.badInput(err, e.getMessage());
    } catch (UncheckedIOException | IllegalStateException e) {
      // Cannot listen on the port, or the synthesis failed.
      return ExitCodes.failure(err, e.getMessage());
    }
    Path record;
    try {
      record = LocalEndpoints.of(System.getenv()).record(new LocalEndpoints.Entry(emulator.endpoint(),
          emulator.region(), emulator.stack().stackName(), ProcessHandle.current().pid(), Instant.now()));
    } catch (UncheckedIOException e) {
      emulator.close();
      return ExitCodes.failure(err, e.getMessage());
    }
    // Ctrl-C runs the hook, which asks this thread to clean up and holds the JVM until it has.
    CountDownLatch cleanedUp = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      awaitQuietly(cleanedUp);
    }, "batch-lab-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      out.print(EmulatorBanner.render(emulator));
      out.println("From another terminal: ./batch-lab submit --local --watch (the endpoint is recorded in " + record
          + " until this stops)");
      out.flush();
      stop.await();
    } finally {
      LocalEndpoints.remove(record);
      emulator.close();
      cleanedUp.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Stopped by Ctrl-C: the hook is running and has just been released.
      }
    }
    return ExitCodes.OK;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(CLEAN_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Turns the options into an emulator builder, validating each with a one-line message. */
  static final class EmulatorSettings {
    private EmulatorSettings() {}

    /** @param progress told before the slow step (the synthesis), after every option was checked */
    static BatchEmulator.Builder builder(LocalCommand options, Consumer<String> progress) {
      if (options.template != null && !options.context.isEmpty()) {
        throw new IllegalArgumentException("give either --template or -c context values, not both");
      }
      BatchEmulator.Builder builder = BatchEmulator.builder();
      if (options.template != null) {
        builder.templateJson(read(options.template))
            .stackName(options.stackName != null ? options.stackName : stackNameOf(options.template));
      } else if (options.stackName != null) {
        builder.stackName(options.stackName);
      }
      builder.region(options.region)
          .port(options.port)
          .seed(options.seed)
          .speed(Speed.parse(options.speed))
          .holdWindow(seconds("--hold-seconds", options.holdSeconds, BatchEmulator.MAX_HOLD_WINDOW))
          .capacity(CapacityLimits.parse(options.capacity));
      if (options.reproducibleIds) {
        builder.reproducibleIds();
      }
      Timings timings = options.timingsFile == null ? Timings.DEFAULT : TimingsFile.read(options.timingsFile);
      if (options.bootSeconds != null) {
        timings = timings.withInstanceBoot(seconds("--boot-seconds", options.bootSeconds));
      }
      if (options.jobStartSeconds != null) {
        timings = timings.withJobStart(seconds("--job-start-seconds", options.jobStartSeconds));
      }
      if (options.dispatchSeconds != null) {
        timings = timings.withDispatch(seconds("--dispatch-seconds", options.dispatchSeconds));
      }
      if (options.scaleDownSeconds != null) {
        timings = timings.withScaleDown(seconds("--scale-down-seconds", options.scaleDownSeconds));
      }
      LabWorkload workload = new LabWorkload(seconds("--default-job-seconds", options.defaultJobSeconds));
      Faults faults = new Faults(options.spotInterruptionRate, options.throttleRate, options.errorRate,
          options.submitTps);
      builder.timings(timings).workload(workload).faults(faults);
      if (options.template == null) {
        StackSettings.fromContext(options.context); // a bad value fails in one line, before the slow part
        // Synthesized last, so a bad option fails before the synthesis starts; in a child JVM, so the
        // jsii runtime (~500 MB) is gone before the emulator starts serving.
        progress.accept("synthesizing the stack in a child JVM (the CDK's jsii runtime starts first: a few seconds)");
        SynthesizedStack synthesized = ChildSynthesizer.synthesize(options.context);
        builder.templateJson(synthesized.templateJson())
            .stackName(options.stackName != null ? options.stackName : synthesized.stackName());
      }
      return builder;
    }

    /** Between 0 and {@link Timings#MAX}, so no delay can overflow the virtual clock. */
    private static Duration seconds(String option, double value) {
      return seconds(option, value, Timings.MAX);
    }

    /** {@code value} seconds as a Duration, or a one-line error naming the option and its range. */
    private static Duration seconds(String option, double value, Duration limit) {
      long max = limit.toSeconds();
      if (!(value >= 0) || value > max) {
        String range = limit.equals(Timings.MAX) ? max + " seconds (100 years)" : max + " seconds";
        throw new IllegalArgumentException(option + " must be between 0 and " + range + ", got " + value);
      }
      return Duration.ofMillis(Math.round(value * 1000));
    }

    private static String read(Path template) {
      try {
        return Files.readString(template);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("--template " + template + " does not exist");
      } catch (IOException e) {
        throw new IllegalArgumentException("--template " + template + " cannot be read: " + e.getMessage());
      }
    }

    /** cdk.out names templates {@code <StackName>.template.json}. */
    private static String stackNameOf(Path template) {
      String file = template.getFileName().toString();
      return file.endsWith(".template.json") ? file.substring(0, file.length() - ".template.json".length())
          : ContextKey.STACK_NAME.defaultValue().orElseThrow();
    }
  }
}
