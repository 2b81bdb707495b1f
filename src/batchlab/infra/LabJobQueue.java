package batchlab.infra;

import batchlab.batch.BatchLimits;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.batch.IComputeEnvironment;
import software.amazon.awscdk.services.batch.JobQueue;
import software.amazon.awscdk.services.batch.JobStateTimeLimitAction;
import software.amazon.awscdk.services.batch.JobStateTimeLimitActionsAction;
import software.amazon.awscdk.services.batch.JobStateTimeLimitActionsReason;
import software.amazon.awscdk.services.batch.JobStateTimeLimitActionsState;
import software.amazon.awscdk.services.batch.OrderedComputeEnvironment;
import software.constructs.Construct;

/**
 * The job queue: one compute environment, a CloudFormation-generated name, and a time limit that
 * cancels a job stuck RUNNABLE for a misconfiguration (it can never be placed), which would otherwise
 * block every job behind it forever.
 */
public final class LabJobQueue extends Construct {

  /** The RUNNABLE reasons that never resolve by waiting. */
  static final List<JobStateTimeLimitActionsReason> MISCONFIGURATIONS = List.of(
      JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT,
      JobStateTimeLimitActionsReason.COMPUTE_ENVIRONMENT_MAX_RESOURCE);

  private final JobQueue queue;

  public LabJobQueue(Construct scope, String id, Props props) {
    super(scope, id);
    props.validate();
    queue = JobQueue.Builder.create(this, "Resource")
        .priority(1)
        .computeEnvironments(List.of(OrderedComputeEnvironment.builder()
            .computeEnvironment(props.computeEnvironment())
            .order(1)
            .build()))
        .jobStateTimeLimitActions(MISCONFIGURATIONS.stream()
            .map(reason -> JobStateTimeLimitAction.builder()
                .state(JobStateTimeLimitActionsState.RUNNABLE)
                .reason(reason)
                .maxTime(Duration.seconds(props.runnableTimeoutSeconds()))
                .action(JobStateTimeLimitActionsAction.CANCEL)
                .build())
            .toList())
        .build();
  }

  public JobQueue queue() {
    return queue;
  }

  /** The environment to feed and how long a misconfigured job may stay RUNNABLE. */
  public record Props(IComputeEnvironment computeEnvironment, int runnableTimeoutSeconds) {

    public static Builder builder() {
      return new Builder();
    }

    void validate() {
      Objects.requireNonNull(computeEnvironment, "computeEnvironment");
      if (runnableTimeoutSeconds < BatchLimits.RUNNABLE_TIME_LIMIT_MIN_SECONDS
          || runnableTimeoutSeconds > BatchLimits.RUNNABLE_TIME_LIMIT_MAX_SECONDS) {
        throw new IllegalArgumentException("runnable time limit " + runnableTimeoutSeconds + " s is outside "
            + BatchLimits.RUNNABLE_TIME_LIMIT_MIN_SECONDS + ".." + BatchLimits.RUNNABLE_TIME_LIMIT_MAX_SECONDS + " s");
      }
    }

    public static final class Builder {
      private IComputeEnvironment computeEnvironment;
      private int runnableTimeoutSeconds;

      public Builder computeEnvironment(IComputeEnvironment computeEnvironment) {
        this.computeEnvironment = computeEnvironment;
        return this;
      }

      public Builder runnableTimeoutSeconds(int runnableTimeoutSeconds) {
        this.runnableTimeoutSeconds = runnableTimeoutSeconds;
        return this;
      }

      public Props build() {
        return new Props(computeEnvironment, runnableTimeoutSeconds);
      }
    }
  }
}
