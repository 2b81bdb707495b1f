package batchlab.aws;

import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;

/**
 * A job queue and the compute environments behind it, as DescribeJobQueues/DescribeComputeEnvironments
 * give them; {@code schedulingPolicyArn} is null for a FIFO queue (API Reference: JobQueueDetail).
 */
public record QueueCapacity(String queueArn, String queueName, String state, String status,
    List<ComputeEnvironmentInfo> environments, String schedulingPolicyArn, Integer priority) {

  public QueueCapacity {
    environments = List.copyOf(environments);
  }

  /** A FIFO queue whose priority is not known. */
  public QueueCapacity(String queueArn, String queueName, String state, String status,
      List<ComputeEnvironmentInfo> environments) {
    this(queueArn, queueName, state, status, environments, null, null);
  }

  /** Whether the queue has a fair-share scheduling policy: its jobs then need a share identifier. */
  public boolean fairShare() {
    return schedulingPolicyArn != null && !schedulingPolicyArn.isBlank();
  }

  /** Describes the queue (name or ARN) and its environments; fails clearly if the queue does not exist. */
  public static QueueCapacity describe(BatchClient batch, String jobQueue, Retry retry) {
    return describe(batch, jobQueue, retry, "check --job-queue or the stack's JobQueueArn output");
  }

  /** The same; a queue that does not exist fails with {@code notFoundAdvice} after the colon. */
  public static QueueCapacity describe(BatchClient batch, String jobQueue, Retry retry, String notFoundAdvice) {
    List<JobQueueDetail> queues = retry.call("batch:DescribeJobQueues",
        () -> batch.describeJobQueues(r -> r.jobQueues(jobQueue)).jobQueues());
    if (queues.isEmpty()) {
      throw new SubmitException("job queue " + jobQueue + " not found at " + retry.target() + ": " + notFoundAdvice);
    }
    JobQueueDetail queue = queues.get(0);
    List<String> arns = queue.computeEnvironmentOrder().stream()
        .sorted(java.util.Comparator.comparing(ComputeEnvironmentOrder::order))
        .map(ComputeEnvironmentOrder::computeEnvironment).toList();
    return new QueueCapacity(queue.jobQueueArn(), queue.jobQueueName(), queue.stateAsString(), queue.statusAsString(),
        describeEnvironments(batch, arns, retry), queue.schedulingPolicyArn(), queue.priority());
  }

  static List<ComputeEnvironmentInfo> describeEnvironments(BatchClient batch, List<String> arns, Retry retry) {
    if (arns.isEmpty()) {
      return List.of();
    }
    return retry.call("batch:DescribeComputeEnvironments",
            () -> batch.describeComputeEnvironments(r -> r.computeEnvironments(arns)).computeEnvironments())
        .stream().map(ComputeEnvironmentInfo::of).toList();
  }

  public boolean usable() {
    return "ENABLED".equals(state) && "VALID".equals(status);
  }

  /** Sum of maxvCpus over the enabled EC2/SPOT environments. */
  public int maxVcpus() {
    return ec2Environments().stream().mapToInt(e -> e.maxVcpus() == null ? 0 : e.maxVcpus()).sum();
  }

  /** Allowed instance type names over the enabled EC2/SPOT environments, in order, without repeats. */
  public List<String> instanceTypeNames() {
    Set<String> names = new LinkedHashSet<>();
    ec2Environments().forEach(e -> names.addAll(e.instanceTypes()));
    return List.copyOf(names);
  }

  /** The allowed types the catalogue knows (families expanded). */
  public List<InstanceType> knownInstanceTypes() {
    return InstanceTypeCatalog.resolve(instanceTypeNames());
  }

  /** ECS clusters of all the environments, where the instances register. */
  public List<String> clusters() {
    List<String> clusters = new ArrayList<>();
    environments.forEach(e -> {
      if (e.ecsClusterArn() != null) {
        clusters.add(e.ecsClusterArn());
      }
    });
    return clusters;
  }

  public List<String> environmentArns() {
    return environments.stream().map(ComputeEnvironmentInfo::arn).toList();
  }

  private List<ComputeEnvironmentInfo> ec2Environments() {
    return environments.stream().filter(e -> e.ec2() && "ENABLED".equals(e.state())).toList();
  }
}
