package batchlab.infra;

import batchlab.batch.BatchLimits;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.batch.IComputeEnvironment;
import software.amazon.awscdk.services.batch.ISchedulingPolicy;
import software.amazon.awscdk.services.batch.JobQueue;
import software.amazon.awscdk.services.batch.JobStateTimeLimitAction;
import software.amazon.awscdk.services.batch.JobStateTimeLimitActionsAction;
import software.amazon.awscdk.services.batch.JobStateTimeLimitActionsReason;
import software.amazon.awscdk.services.batch.JobStateTimeLimitActionsState;
import software.amazon.awscdk.services.batch.OrderedComputeEnvironment;
import software.constructs.Construct;

/**
 * A job queue: one compute environment, a CloudFormation-generated name, a priority among the queues
 * sharing that environment, optionally a fair-share scheduling policy, and a time limit that cancels a
 * job stuck RUNNABLE for a misconfiguration (it can never be placed), which would otherwise block every
 * job behind it forever.
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
        .priority(props.priority())
        // Null leaves SchedulingPolicyArn out: a FIFO queue, as in the article.
        .schedulingPolicy(props.schedulingPolicy())
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

  /** The article's queue priority; any other queue is ordered against it. */
  public static final int DEFAULT_PRIORITY = 1;

  /**
   * The environment to feed, how long a misconfigured job may stay RUNNABLE, the queue's priority and
   * its scheduling policy (null: FIFO).
   */
  public record Props(IComputeEnvironment computeEnvironment, int runnableTimeoutSeconds, int priority,
      ISchedulingPolicy schedulingPolicy) {

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
      if (priority < 0 || priority > BatchLimits.JOB_QUEUE_PRIORITY_MAX) {
        throw new IllegalArgumentException("queue priority " + priority + " is outside 0.." + BatchLimits.JOB_QUEUE_PRIORITY_MAX);
      }
    }

    public static final class Builder {
      private IComputeEnvironment computeEnvironment;
      private int runnableTimeoutSeconds;
      private int priority = DEFAULT_PRIORITY;
      private ISchedulingPolicy schedulingPolicy;

      public Builder computeEnvironment(IComputeEnvironment computeEnvironment) {
        this.computeEnvironment = computeEnvironment;
        return this;
      }

      public Builder runnableTimeoutSeconds(int runnableTimeoutSeconds) {
        this.runnableTimeoutSeconds = runnableTimeoutSeconds;
        return this;
      }

      public Builder priority(int priority) {
        this.priority = priority;
        return this;
      }

      public Builder schedulingPolicy(ISchedulingPolicy schedulingPolicy) {
        this.schedulingPolicy = schedulingPolicy;
        return this;
      }

      public Props build() {
        return new Props(computeEnvironment, runnableTimeoutSeconds, priority, schedulingPolicy);
      }
    }
  }
}
