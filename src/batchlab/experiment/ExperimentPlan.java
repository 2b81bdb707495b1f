package batchlab.experiment;

import batchlab.infra.StackSettings;
import batchlab.plan.Configuration;
import batchlab.plan.ConfigurationResult;
import batchlab.plan.Planner;
import batchlab.plan.Prices;
import batchlab.plan.Workload;
import batchlab.util.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code plan} predicts for each of the experiment's runs: the run's configuration (maxvCpus,
 * the context's instance types, strategy and purchase option) and workload on the planner, with the
 * settings' timings and the given prices. The report puts it beside what was observed, and the aws
 * target's cost question is made of its figures, so the project has one cost model.
 */
public final class ExperimentPlan {

  private final Prices prices;
  private final boolean spot;
  /** Per maxvCpus value, in run order; a value the planner could not run maps to the reason. */
  private final Map<Integer, ConfigurationResult> predicted;
  private final Map<Integer, String> unplanned;

  private ExperimentPlan(Prices prices, boolean spot, Map<Integer, ConfigurationResult> predicted,
      Map<Integer, String> unplanned) {
    this.prices = prices;
    this.spot = spot;
    this.predicted = predicted;
    this.unplanned = unplanned;
  }

  public static ExperimentPlan of(ExperimentSettings settings, Prices prices) {
    Map<Integer, ConfigurationResult> predicted = new LinkedHashMap<>();
    Map<Integer, String> unplanned = new LinkedHashMap<>();
    boolean spot = false;
    for (int maxVcpus : settings.maxVcpus()) {
      StackSettings stack = settings.stackSettings(maxVcpus);
      spot = stack.spot();
      try {
        Planner planner = new Planner(new Workload(settings.jobs(), settings.jobSeconds(), stack.jobVcpus(),
            stack.jobMemoryMiB()), settings.timings(), prices, 1, 1);
        ConfigurationResult result = planner.run(new Configuration(maxVcpus, stack.instanceTypes(),
            stack.allocationStrategy(), stack.spot()));
        if (result.completed()) {
          predicted.putIfAbsent(maxVcpus, result);
        } else {
          unplanned.putIfAbsent(maxVcpus, "the planner's run left jobs that could not be placed");
        }
      } catch (RuntimeException e) {
        unplanned.putIfAbsent(maxVcpus, Text.firstLine(e));
      }
    }
    return new ExperimentPlan(prices, spot, predicted, unplanned);
  }

  public Prices prices() {
    return prices;
  }

  /** The plan's figures for the run with {@code maxVcpus}, when it could be planned. */
  public Optional<ConfigurationResult> predicted(int maxVcpus) {
    return Optional.ofNullable(predicted.get(maxVcpus));
  }

  /** Where the prices come from, for the report's settings and the cost question. */
  public String priceSource() {
    return prices.source(spot);
  }

  /** The cost question's text: per run the plan's figures, then the total and the prices. */
  public String describe(List<Integer> maxVcpusValues) {
    StringBuilder text = new StringBuilder("This deploys the stack to AWS and launches EC2 instances ("
        + (spot ? "spot" : "on-demand") + "), which costs money. What ./batch-lab plan predicts:\n");
    double hours = 0;
    double usd = 0;
    boolean assumed = false;
    boolean complete = true;
    for (int maxVcpus : maxVcpusValues) {
      ConfigurationResult r = predicted.get(maxVcpus);
      if (r == null) {
        complete = false;
        text.append("  max vCPU ").append(maxVcpus).append(": no estimate (").append(unplanned.get(maxVcpus))
            .append(")\n");
        continue;
      }
      boolean star = prices.assumed(r.configuration().instanceTypes(), r.configuration().spot());
      assumed |= star;
      double paid = r.busySeconds() + r.bootSeconds() + r.idleSeconds();
      hours += paid / 3600;
      usd += r.cost();
      text.append(String.format(Locale.ROOT, "  max vCPU %d: makespan about %.0f s, %d %s at peak, %.2f instance-hours "
              + "(boot %.2f, idle %.2f) = %.4f USD%s%n", maxVcpus, r.makespan(), r.peakInstances(),
          r.peakInstances() == 1 ? "instance" : "instances", paid / 3600, r.bootSeconds() / 3600,
          r.idleSeconds() / 3600, r.cost(), star ? "*" : ""));
    }
    text.append(complete ? String.format(Locale.ROOT, "  total: about %.2f instance-hours, %.4f USD%s", hours, usd,
        assumed ? "*" : "") : "  total: unknown (see above)");
    text.append(", plus the image build and push to ECR, public IPv4 addresses and CloudWatch Logs (small)\n");
    text.append("  prices: ").append(priceSource()).append(assumed ? " (* = assumed spot price)" : "").append('\n');
    return text.toString();
  }

  /** Whether to go ahead with the aws target: yes with --yes, else the user's answer to the plan's figures. */
  public boolean confirmed(ExperimentSettings settings, Confirmation confirmation) {
    return settings.assumeYes() || confirmation.confirm(describe(settings.maxVcpus()) + "Deploy and run?");
  }
}
