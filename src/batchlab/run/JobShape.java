package batchlab.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The size and length of one job of a run, from the job definition's resourceRequirements (or its
 * legacy vcpus/memory) and the {@code seconds} parameter after overrides.
 *
 * @param vcpus vCPUs one job asks for
 * @param memoryMiB memory one job asks for
 * @param duration how long it runs; null when the run does not say (no {@code seconds} parameter)
 */
public record JobShape(int vcpus, int memoryMiB, @JsonProperty("seconds") Duration duration) {

  public JobShape {
    if (vcpus < 1 || memoryMiB < 1) {
      throw new IllegalArgumentException("a job needs at least 1 vCPU and 1 MiB, got " + vcpus + " vCPU / "
          + memoryMiB + " MiB");
    }
  }
}
