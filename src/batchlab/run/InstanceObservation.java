package batchlab.run;

import java.time.Instant;
import java.util.Objects;

/**
 * One container instance as the watcher saw it, for calibrating boot and idle scale-in.
 *
 * @param containerInstanceArn the ECS container instance
 * @param ec2InstanceId the EC2 instance id (ECS {@code ec2InstanceId}); null if ECS did not say
 * @param instanceType the EC2 type (ECS attribute {@code ecs.instance-type}); null if unknown
 * @param vcpus the vCPUs ECS registered (CPU units / 1,024); 0 if unknown
 * @param launchTime EC2 DescribeInstances {@code launchTime}; null without ec2:DescribeInstances
 * @param registeredAt ECS {@code registeredAt}: when the agent registered (boot finished)
 * @param lastSeenAt the last poll that listed the instance in its cluster
 * @param goneBy the first poll after {@code lastSeenAt} that no longer listed it (it left the cluster
 *     in between); null while it was still listed when the watch ended
 */
public record InstanceObservation(
    String containerInstanceArn,
    String ec2InstanceId,
    String instanceType,
    int vcpus,
    Instant launchTime,
    Instant registeredAt,
    Instant lastSeenAt,
    Instant goneBy) {

  public InstanceObservation {
    Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
  }

  /** The name the timeline gives the instance: its EC2 id, else the container instance id. */
  public String name() {
    return ec2InstanceId != null ? ec2InstanceId
        : containerInstanceArn.substring(containerInstanceArn.lastIndexOf('/') + 1);
  }

  /** When it left the cluster, to the poll: halfway between the last poll that saw it and the first that did not. */
  public Instant leftAt() {
    if (goneBy == null || lastSeenAt == null) {
      return null;
    }
    return lastSeenAt.plus(java.time.Duration.between(lastSeenAt, goneBy).dividedBy(2));
  }
}
