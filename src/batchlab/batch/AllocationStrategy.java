package batchlab.batch;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The allocation strategies of a managed EC2 compute environment, with the rules of the AWS Batch
 * User Guide ("Allocation strategies for compute resources") and API Reference (ComputeResource).
 */
public enum AllocationStrategy {
  /** Lowest-cost type that fits; waits when more are not available. Never exceeds maxvCpus on demand. */
  BEST_FIT(true, true, false),
  /** Additional types large enough for the queue, preferring lower cost per vCPU. */
  BEST_FIT_PROGRESSIVE(true, true, true),
  /** Spot only: pools least likely to be interrupted. */
  SPOT_CAPACITY_OPTIMIZED(false, true, true),
  /** Spot only: pools least likely to be interrupted, then lowest price. */
  SPOT_PRICE_CAPACITY_OPTIMIZED(false, true, true);

  private final boolean onDemandAllowed;
  private final boolean spotAllowed;
  private final boolean mayExceedMaxVcpus;

  AllocationStrategy(boolean onDemandAllowed, boolean spotAllowed, boolean mayExceedMaxVcpus) {
    this.onDemandAllowed = onDemandAllowed;
    this.spotAllowed = spotAllowed;
    this.mayExceedMaxVcpus = mayExceedMaxVcpus;
  }

  /** Whether AWS accepts this strategy for the purchase model (spot or on-demand). */
  public boolean allowedFor(boolean spot) {
    return spot ? spotAllowed : onDemandAllowed;
  }

  /**
   * Whether Batch may go over maxvCpus, by at most one instance, to meet capacity: true for
   * BEST_FIT_PROGRESSIVE and the spot strategies, and for BEST_FIT with spot; BEST_FIT on demand never.
   */
  public boolean mayExceedMaxVcpus(boolean spot) {
    return mayExceedMaxVcpus || (this == BEST_FIT && spot);
  }

  /** Parses the AWS spelling (case-insensitive); empty for anything else. */
  public static Optional<AllocationStrategy> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.trim().toUpperCase();
    return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
  }

  /** The allowed spellings, for error messages. */
  public static String allowedValues() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
