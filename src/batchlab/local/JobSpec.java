package batchlab.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What a SubmitJob call asked for after merging the job definition with the call's overrides;
 * shared by an array job's parent and all its children so 10,000 children cost one spec.
 *
 * @param containerOverrides the call's containerOverrides as sent (null if none), for rendering
 * @param runMillis how long each attempt runs, as the {@link WorkloadModel} says
 * @param runFailure the container's failure reason when the workload model says the job fails
 *     (it exits {@code runFailureExitCode} as soon as it runs); null when the job runs normally
 * @param exitOnSigterm the exit code on SIGTERM when an attempt times out; null: SIGTERM is ignored
 * @param shareIdentifier the job's share in a fair-share queue; null in a FIFO queue
 * @param schedulingPriority the override, else the definition's schedulingPriority; null when neither is set
 */
record JobSpec(
    JobDefinition definition,
    Map<String, String> parameters,
    ObjectNode containerOverrides,
    Resources resources,
    RetryStrategy retryStrategy,
    Integer attemptDurationSeconds,
    Map<String, String> tags,
    boolean propagateTags,
    long runMillis,
    String runFailure,
    int runFailureExitCode,
    Integer exitOnSigterm,
    List<Dependency> dependsOn,
    String shareIdentifier,
    Integer schedulingPriority) {

  /** One dependsOn entry: a job id and, for array jobs, SEQUENTIAL or N_TO_N (null otherwise). */
  record Dependency(String jobId, String type) {}
}
