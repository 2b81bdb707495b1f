package batchlab.watch;

import batchlab.aws.Pages;
import batchlab.aws.Retry;
import batchlab.run.InstanceObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.Resource;

/**
 * Counts the compute environments' instances as ECS sees them (ListContainerInstances on each
 * environment's cluster), learns each new one's EC2 instance id, type, vCPUs and registeredAt once
 * (DescribeContainerInstances), and notes the polls at which each was last listed and first missing,
 * so the timeline can name where attempts ran and calibration can time boot and scale-in.
 */
final class InstanceTracker {

  /** An instance as the timeline names it. */
  record Instance(String id, String type) {}

  /** What ECS said about one container instance, and when the polls saw it. */
  private static final class Known {
    final String arn;
    final String ec2InstanceId;
    final String type;
    final int vcpus;
    final Instant registeredAt;
    Instant lastSeenAt;
    Instant goneBy;

    Known(String arn, String ec2InstanceId, String type, int vcpus, Instant registeredAt) {
      this.arn = arn;
      this.ec2InstanceId = ec2InstanceId;
      this.type = type;
      this.vcpus = vcpus;
      this.registeredAt = registeredAt;
    }
  }

  private final EcsClient ecs;
  private final List<String> clusters;
  private final Retry retry;
  private final Map<String, Known> byContainerInstanceArn = new LinkedHashMap<>();
  private Set<String> listed = Set.of();

  InstanceTracker(EcsClient ecs, List<String> clusters, Retry retry) {
    this.ecs = ecs;
    this.clusters = List.copyOf(clusters);
    this.retry = retry;
  }

  /** Lists the instances registered now, over all clusters, and describes the new ones; returns how many. */
  int count() {
    Set<String> now = new HashSet<>();
    for (String cluster : clusters) {
      List<String> arns = list(cluster);
      now.addAll(arns);
      learn(cluster, arns.stream().filter(a -> !byContainerInstanceArn.containsKey(a)).toList());
    }
    listed = now;
    return now.size();
  }

  /** Stamps the last {@link #count()} with the poll's time: who was listed, who has just left. */
  void seenAt(Instant time) {
    for (Known known : byContainerInstanceArn.values()) {
      if (listed.contains(known.arn)) {
        known.lastSeenAt = time;
        known.goneBy = null;
      } else if (known.lastSeenAt != null && known.goneBy == null) {
        known.goneBy = time;
      }
    }
  }

  /** vCPUs of the instances listed at the last count. */
  int registeredVcpus() {
    return listed.stream().map(byContainerInstanceArn::get).filter(k -> k != null).mapToInt(k -> k.vcpus).sum();
  }

  /** Whether every instance in {@code names} (as {@link #lookup} names them) has left its cluster. */
  boolean allGone(Set<String> names) {
    return byContainerInstanceArn.values().stream()
        .filter(k -> names.contains(name(k)))
        .allMatch(k -> !listed.contains(k.arn));
  }

  /** The instance behind a container instance ARN: EC2 id and type when known, else the ARN's id. */
  Instance lookup(String containerInstanceArn) {
    if (containerInstanceArn == null) {
      return null;
    }
    Known known = byContainerInstanceArn.get(containerInstanceArn);
    return known != null ? new Instance(name(known), known.type)
        : new Instance(containerInstanceArn.substring(containerInstanceArn.lastIndexOf('/') + 1), null);
  }

  /** Describes container instances seen only in job attempts (e.g. gone between polls), where ECS still has them. */
  void learnAll(List<String> containerInstanceArns) {
    List<String> unknown = containerInstanceArns.stream().distinct()
        .filter(a -> a != null && !byContainerInstanceArn.containsKey(a)).toList();
    for (String cluster : clusters) {
      learn(cluster, unknown.stream().filter(a -> !byContainerInstanceArn.containsKey(a)).toList());
    }
  }

  /** EC2 instance ids learnt so far. */
  List<String> ec2InstanceIds() {
    return byContainerInstanceArn.values().stream().map(k -> k.ec2InstanceId).filter(id -> id != null).toList();
  }

  /** Every instance learnt, with the launch times EC2 gave (by EC2 id; empty without permission). */
  List<InstanceObservation> observations(Map<String, Instant> launchTimes) {
    List<InstanceObservation> all = new ArrayList<>();
    for (Known k : byContainerInstanceArn.values()) {
      all.add(new InstanceObservation(k.arn, k.ec2InstanceId, k.type, k.vcpus,
          k.ec2InstanceId == null ? null : launchTimes.get(k.ec2InstanceId), k.registeredAt, k.lastSeenAt, k.goneBy));
    }
    return all;
  }

  private static String name(Known known) {
    return known.ec2InstanceId != null ? known.ec2InstanceId : known.arn.substring(known.arn.lastIndexOf('/') + 1);
  }

  private List<String> list(String cluster) {
    return Pages.all(
        token -> retry.call("ecs:ListContainerInstances",
            () -> ecs.listContainerInstances(r -> r.cluster(cluster).maxResults(100).nextToken(token))),
        ListContainerInstancesResponse::containerInstanceArns, ListContainerInstancesResponse::nextToken);
  }

  private void learn(String cluster, List<String> arns) {
    for (int from = 0; from < arns.size(); from += 100) {
      List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
      List<ContainerInstance> described = retry.call("ecs:DescribeContainerInstances",
          () -> ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(batch)).containerInstances());
      for (ContainerInstance instance : described) {
        String type = instance.attributes().stream().filter(a -> "ecs.instance-type".equals(a.name()))
            .map(Attribute::value).findFirst().orElse(null);
        // ECS counts CPU in units of 1/1024 vCPU.
        int vcpus = instance.registeredResources().stream().filter(r -> "CPU".equals(r.name()))
            .map(Resource::integerValue).filter(v -> v != null).mapToInt(v -> v / 1024).findFirst().orElse(0);
        byContainerInstanceArn.put(instance.containerInstanceArn(), new Known(instance.containerInstanceArn(),
            instance.ec2InstanceId(), type, vcpus, instance.registeredAt()));
      }
    }
  }
}
