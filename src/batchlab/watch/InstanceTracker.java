package batchlab.watch;

import batchlab.aws.Pages;
import batchlab.aws.Retry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;

/**
 * Counts the compute environments' instances as ECS sees them (ListContainerInstances on each
 * environment's cluster) and learns each new one's EC2 instance id and type once
 * (DescribeContainerInstances), so the timeline can name the instance each attempt ran on.
 */
final class InstanceTracker {

  /** An instance as the timeline names it. */
  record Instance(String id, String type) {}

  private final EcsClient ecs;
  private final List<String> clusters;
  private final Retry retry;
  private final Map<String, Instance> byContainerInstanceArn = new HashMap<>();

  InstanceTracker(EcsClient ecs, List<String> clusters, Retry retry) {
    this.ecs = ecs;
    this.clusters = List.copyOf(clusters);
    this.retry = retry;
  }

  /** Instances registered now, over all clusters. */
  int count() {
    int count = 0;
    for (String cluster : clusters) {
      List<String> arns = list(cluster);
      count += arns.size();
      learn(cluster, arns.stream().filter(a -> !byContainerInstanceArn.containsKey(a)).toList());
    }
    return count;
  }

  /** The instance behind a container instance ARN: EC2 id and type when known, else the ARN's id. */
  Instance lookup(String containerInstanceArn) {
    if (containerInstanceArn == null) {
      return null;
    }
    return byContainerInstanceArn.getOrDefault(containerInstanceArn,
        new Instance(containerInstanceArn.substring(containerInstanceArn.lastIndexOf('/') + 1), null));
  }

  /** Describes container instances seen only in job attempts (e.g. gone between polls), where ECS still has them. */
  void learnAll(List<String> containerInstanceArns) {
    List<String> unknown = containerInstanceArns.stream().distinct()
        .filter(a -> a != null && !byContainerInstanceArn.containsKey(a)).toList();
    for (String cluster : clusters) {
      learn(cluster, unknown.stream().filter(a -> !byContainerInstanceArn.containsKey(a)).toList());
    }
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
        String id = instance.ec2InstanceId() != null ? instance.ec2InstanceId()
            : lookup(instance.containerInstanceArn()).id();
        byContainerInstanceArn.put(instance.containerInstanceArn(), new Instance(id, type));
      }
    }
  }
}
