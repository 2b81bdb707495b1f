package batchlab.plan;

import batchlab.local.Timings;
import batchlab.util.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code plan} needs, checked: the workload, the grid, the prices, the optional
 * deadline and budget, the user's other CDK context (repeated in the deploy lines) and where the
 * report goes.
 */
public record PlanRequest(Workload workload, List<Configuration> grid, Prices prices, Timings timings,
    Double deadlineSeconds, Double budgetUsd, Map<String, String> otherContext, long seed, Path outDir) {

  public PlanRequest {
    grid = List.copyOf(grid);
    otherContext = Map.copyOf(otherContext);
    if (deadlineSeconds != null && deadlineSeconds < workload.jobSeconds()) {
      throw new BadInputException("--deadline " + seconds(deadlineSeconds) + " is shorter than one job ("
          + workload.jobSeconds() + " s): no configuration can meet it");
    }
    if (budgetUsd != null && !(budgetUsd > 0)) {
      throw new BadInputException("--budget " + budgetUsd + " must be a positive amount of USD");
    }
  }

  private static String seconds(double s) {
    return s == Math.rint(s) ? (long) s + " s" : s + " s";
  }
}
