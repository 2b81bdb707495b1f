package batchlab.experiment;

import batchlab.analysis.Prediction;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.infra.StackSettings;
import batchlab.local.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the aws target will launch, in instance-hours, from the same prediction the watcher uses:
 * per run, the predicted instances, each up for one boot, the run's waves of jobs, and the idle time
 * before Batch scales it in (typical figures, the emulator's defaults). A rough upper-end figure to
 * put a price on, not a bill.
 *
 * @param runs one line per maxvCpus value
 * @param instanceHours the total; null when an instance type is not in the catalogue
 */
public record CostEstimate(List<String> runs, Double instanceHours, String purchase) {

  static final Duration BOOT = Timings.DEFAULT.instanceBoot();
  static final Duration IDLE_BEFORE_SCALE_IN = Timings.DEFAULT.scaleDown();

  public CostEstimate {
    runs = List.copyOf(runs);
  }

  public static CostEstimate of(ExperimentSettings settings) {
    List<String> lines = new ArrayList<>();
    double hours = 0;
    boolean known = true;
    String purchase = null;
    for (int maxVcpus : settings.maxVcpus()) {
      StackSettings stack = settings.stackSettings(maxVcpus);
      purchase = stack.spot() ? "spot" : "on-demand";
      Prediction p = Prediction.of(settings.jobs(), stack.jobVcpus(), stack.jobMemoryMiB(), maxVcpus,
          InstanceTypeCatalog.resolve(stack.instanceTypes()), Duration.ofSeconds(settings.jobSeconds()));
      if (!p.runnable()) {
        known = false;
        lines.add("max vCPU " + maxVcpus + ": instance types " + String.join(",", stack.instanceTypes())
            + " are not in the catalogue, no estimate");
        continue;
      }
      Duration up = BOOT.plus(p.idealMakespan()).plus(IDLE_BEFORE_SCALE_IN);
      double runHours = p.instances() * up.toSeconds() / 3600.0;
      hours += runHours;
      lines.add(String.format(Locale.ROOT, "max vCPU %d: %d x %s for about %d min (%d %s of %d s, boot and idle "
          + "scale-in included) = %.2f instance-hours", maxVcpus, p.instances(), p.instanceType(), up.toMinutes(),
          p.waves(), p.waves() == 1 ? "wave" : "waves", settings.jobSeconds(), runHours));
    }
    return new CostEstimate(lines, known ? hours : null, purchase);
  }

  /**
   * Whether to go ahead with the aws target: yes with --yes, else the user's answer to the estimate.
   */
  public static boolean confirmed(ExperimentSettings settings, Confirmation confirmation) {
    return settings.assumeYes() || confirmation.confirm(of(settings).describe() + "Deploy and run?");
  }

  /** The confirmation text: per run, then the total. */
  public String describe() {
    StringBuilder text = new StringBuilder("This deploys the stack to AWS and launches EC2 instances (" + purchase
        + "), which costs money:\n");
    runs.forEach(line -> text.append("  ").append(line).append('\n'));
    text.append(instanceHours == null ? "  total: unknown (see above)\n"
        : String.format(Locale.ROOT, "  total: about %.2f instance-hours, plus the image build and push to ECR "
            + "and CloudWatch Logs (small)%n", instanceHours));
    return text.toString();
  }
}
