package batchlab.aws;

import java.util.List;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeResource;

/**
 * What the submitter needs of a compute environment: state, capacity settings and its ECS cluster.
 *
 * @param resourceType EC2, SPOT, FARGATE or FARGATE_SPOT; null for an unmanaged environment
 * @param maxVcpus null for an unmanaged environment
 */
public record ComputeEnvironmentInfo(
    String arn,
    String name,
    String state,
    String status,
    String resourceType,
    Integer maxVcpus,
    Integer desiredVcpus,
    List<String> instanceTypes,
    String allocationStrategy,
    String ecsClusterArn) {

  public ComputeEnvironmentInfo {
    instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
  }

  static ComputeEnvironmentInfo of(ComputeEnvironmentDetail detail) {
    ComputeResource resources = detail.computeResources();
    return new ComputeEnvironmentInfo(
        detail.computeEnvironmentArn(),
        detail.computeEnvironmentName(),
        detail.stateAsString(),
        detail.statusAsString(),
        resources == null ? null : resources.typeAsString(),
        resources == null ? null : resources.maxvCpus(),
        resources == null ? null : resources.desiredvCpus(),
        resources == null ? List.of() : resources.instanceTypes(),
        resources == null ? null : resources.allocationStrategyAsString(),
        detail.ecsClusterArn());
  }

  public boolean usable() {
    return "ENABLED".equals(state) && "VALID".equals(status);
  }

  /** EC2 or SPOT: instance types and vCPU bin-packing apply (not Fargate, not unmanaged). */
  public boolean ec2() {
    return "EC2".equals(resourceType) || "SPOT".equals(resourceType);
  }
}
