package batchlab.plan;

import batchlab.util.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code plan} needs, checked: the workload, the grid, the prices, the optional
 * deadline and budget, the user's other CDK context (repeated in the deploy lines) and where the
 * report goes.
 */
public record PlanRequest(Workload workload, List<Configuration> grid, Prices prices, Planner.Settings settings,
    Double deadlineSeconds, Double budgetUsd, Map<String, String> otherContext, Path outDir) {

  public PlanRequest {
    grid = List.copyOf(grid);
    otherContext = Map.copyOf(otherContext);
    double shortest = workload.durations().shortestSeconds();
    if (deadlineSeconds != null && deadlineSeconds < shortest) {
      throw new BadInputException("--deadline " + seconds(deadlineSeconds) + " is shorter than one job ("
          + seconds(shortest) + "): no configuration can meet it");
    }
    for (Configuration c : grid) {
      if (c.maxVcpus() < settings.minVcpus()) {
        throw new BadInputException("--max-vcpus " + c.maxVcpus() + " is below -c minVcpus=" + settings.minVcpus()
            + " (allowed: maxVcpus >= minVcpus)");
      }
    }
    if (budgetUsd != null && !(budgetUsd > 0)) {
      throw new BadInputException("--budget " + budgetUsd + " must be a positive amount of USD");
    }
  }

  private static String seconds(double s) {
    return s == Math.rint(s) ? (long) s + " s" : s + " s";
  }
}
