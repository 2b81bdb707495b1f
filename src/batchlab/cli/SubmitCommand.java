package batchlab.cli;

import batchlab.analysis.Prediction;
import batchlab.aws.AwsClients;
import batchlab.batch.LabContract;
import batchlab.run.RunRecord;
import batchlab.run.RunStore;
import batchlab.submit.FanOutStats;
import batchlab.submit.JobMix;
import batchlab.submit.SubmitOptions;
import batchlab.submit.SubmitRequest;
import batchlab.submit.SubmitResult;
import batchlab.submit.Submitter;
import batchlab.util.BadInputException;
import batchlab.watch.WatchOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code batch-lab submit}: fan out jobs to the deployed stack's queue (or resume a run), optionally watch them. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit N jobs (or one array job of N) to the stack's job queue, exactly once each, and record the run "
          + "in runs/RUN/jobs.json.",
      "The queue and job definition come from the stack's outputs (CloudFormation DescribeStacks) unless given.",
      "Exit status: 0 done, 1 AWS or stack problem, 2 bad input, 130 interrupted (resume with --resume RUN)."
    })
public final class SubmitCommand implements Callable<Integer> {

  private static final List<String> RUN_SHAPING = List.of("--jobs", "--stack", "--job-queue", "--job-definition",
      "--seconds", "--parameter", "--array", "--name-prefix", "--share-identifier", "--scheduling-priority", "--mix");

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "10", description = "Jobs to submit (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--stack", paramLabel = "STACK", defaultValue = LabContract.DEFAULT_STACK_NAME,
      description = "Stack whose outputs name the queue and job definition (default: ${DEFAULT-VALUE}).")
  String stack;

  @Option(names = "--job-queue", paramLabel = "QUEUE",
      description = "A lab queue of the stack (default, or a -c queues name), or a job queue name or ARN.")
  String jobQueue;

  @Option(names = "--share-identifier", paramLabel = "ID",
      description = "Every job's fair-share identifier (required on a fair-share queue, refused on a FIFO one).")
  String share;

  @Option(names = "--scheduling-priority", paramLabel = "N",
      description = "Every job's schedulingPriorityOverride, 0-9999 (higher first within a share).")
  Integer priority;

  @Option(names = "--mix", paramLabel = "SPEC",
      description = "Jobs for several shares and/or queues, instead of --jobs: [QUEUE/][SHARE]:COUNT,... "
          + "(e.g. teamA:20,teamB:20 or low/:10,high/:10).")
  String mix;

  @Option(names = "--job-definition", paramLabel = "DEF",
      description = "Job definition name, name:revision or ARN (overrides the stack's).")
  String jobDefinition;

  @Option(names = "--seconds", paramLabel = "S", description = "How long each job sleeps (the 'seconds' parameter).")
  Integer seconds;

  @Option(names = "--parameter", paramLabel = "KEY=VALUE", description = "A job parameter; repeatable.")
  Map<String, String> parameters;

  @Option(names = "--array", description = "Submit one array job of N children (one SubmitJob call).")
  boolean array;

  @Option(names = "--name-prefix", paramLabel = "P", description = "Job names are P-1 .. P-N (default: batchlab-RUN).")
  String namePrefix;

  @Option(names = "--rate", paramLabel = "PER_SECOND",
      description = "SubmitJob calls per second (default: 50, the AWS quota; unlimited against a loopback endpoint).")
  Double rate;

  @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "16",
      description = "SubmitJob calls in flight at once (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--resume", paramLabel = "RUN", description = "Submit the jobs of RUN not submitted yet.")
  String resume;

  @Option(names = "--watch", description = "Watch the run after submitting (takes the watch options).")
  boolean watchAfter;

  @Mixin RunCommandOptions runOptions;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return runOptions.run(this::execute);
  }

  private int execute() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunStore store = runOptions.store();
    SubmitOptions options = SubmitOptions.defaults().withRate(rate).withMaxInFlight(maxInFlight);
    WatchOptions watchOptions = runOptions.watchOptions(); // checked before anything is submitted
    RunRecord resumed = null;
    SubmitRequest request = null;
    if (resume != null) {
      rejectRunShapingOptions();
      resumed = store.load(resume);
    } else {
      request = request();
    }
    var settings = resumed == null ? runOptions.connection() : runOptions.connectionFor(resumed);
    try (AwsClients clients = AwsClients.connect(settings, System.getenv())) {
      Submitter submitter = new Submitter(clients, store, options);
      SubmitResult result;
      // Ctrl-C waits until the result is reported: the JVM exits as soon as the hook returns.
      try (CtrlC ctrlC = new CtrlC(submitter::requestStop)) {
        try (ConsoleSubmitProgress progress = new ConsoleSubmitProgress(err, System.console() != null)) {
          result = resumed == null ? submitter.submit(request, progress) : submitter.resume(resumed, progress);
        }
        report(out, result, resumed != null, store);
        if (result.interrupted()) {
          return ExitCodes.INTERRUPTED;
        }
      }
      if (watchAfter) {
        return runOptions.watchAndReport(clients, result.run(), watchOptions, store);
      }
      return ExitCodes.OK;
    }
  }

  private SubmitRequest request() {
    SubmitRequest.Builder request = SubmitRequest.builder().jobs(jobs).stack(stack).jobQueue(jobQueue)
        .jobDefinition(jobDefinition).seconds(seconds).parameters(parameters).array(array).namePrefix(namePrefix)
        .share(share).priority(priority);
    if (mix != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--jobs")) {
        throw new BadInputException("--jobs cannot be combined with --mix: the mix gives each entry's count");
      }
      request.mix(JobMix.parse(mix));
    }
    return request.build();
  }

  private void rejectRunShapingOptions() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (String option : RUN_SHAPING) {
      if (parsed.hasMatchedOption(option)) {
        throw new BadInputException(option + " cannot be combined with --resume: a resumed run keeps its own settings");
      }
    }
  }

  private static void report(PrintWriter out, SubmitResult result, boolean resumed, RunStore store) {
    RunRecord run = result.run();
    FanOutStats stats = result.stats();
    String what = run.array() ? "1 array job of " + run.jobCount() : stats.submitted() + plural(stats.submitted(), " job");
    out.printf(Locale.ROOT, "%s %s in %.2f s as run %s%n", resumed ? "resumed: submitted" : "submitted",
        run.array() && stats.submitted() == 0 ? "nothing" : what, result.elapsed().toMillis() / 1000.0, run.runId());
    if (stats.adopted() > 0) {
      out.println("found " + stats.adopted() + plural(stats.adopted(), " job") + " already on the server by name "
          + "(not submitted again)");
    }
    if (stats.throttled() > 0 || stats.ambiguous() > 0) {
      out.println("retried " + stats.throttled() + " throttled " + plural(stats.throttled(), "call") + "; checked "
          + stats.ambiguous() + " ambiguous " + plural(stats.ambiguous(), "failure") + " by name before resending");
    }
    if (run.grouped()) {
      out.println("queues " + run.groups().stream().map(g -> g.queue() + " " + g.jobQueue()).distinct()
          .collect(Collectors.joining(", ")) + "; job definition " + run.jobDefinition());
      out.println("mix " + run.groups().stream().map(g -> g.queue() + "/" + (g.share() == null ? "" : g.share())
          + ":" + g.count()).collect(Collectors.joining(","))
          + (run.groups().get(0).priority() == null ? "" : ", scheduling priority " + run.groups().get(0).priority()));
    } else {
      out.println("queue " + run.jobQueue() + ", job definition " + run.jobDefinition());
    }
    Prediction p = result.prediction();
    if (p != null && p.runnable()) {
      out.println("prediction: " + p.concurrency() + " at once on " + p.instances() + " x " + p.instanceType()
          + " (maxvCpus " + p.maxVcpus() + "), " + p.waves() + plural(p.waves(), " wave")
          + (p.idealMakespan() == null ? "" : ", ideal makespan " + p.idealMakespan().toSeconds() + " s"));
    }
    out.println("record: " + store.dir(run.runId()).resolve(RunStore.RECORD_FILE));
    if (result.interrupted()) {
      out.println("interrupted: " + run.jobs().size() + " of " + run.expectedSubmissions()
          + " submissions recorded; submit the rest with: ./batch-lab submit --resume " + run.runId()
          + store.cliOption());
    } else {
      out.println("watch with: ./batch-lab watch " + run.runId() + store.cliOption());
    }
    out.flush();
  }

  private static String plural(int n, String word) {
    return n == 1 ? word : word + "s";
  }
}
