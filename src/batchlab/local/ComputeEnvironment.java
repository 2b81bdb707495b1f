package batchlab.local;

import batchlab.batch.AllocationStrategy;
import batchlab.batch.InstanceType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A managed EC2/SPOT compute environment and its fleet. The fleet keeps two indexes so placement
 * stays cheap with thousands of instances: ready instances bucketed by free vCPUs (best fit is the
 * first bucket at or above the job's vCPUs), and booting instances that still have unpromised room.
 */
final class ComputeEnvironment {

  final String name;
  final String arn;
  final String uuid;
  final String ecsClusterArn;
  final long createdSeq;
  final Map<String, String> tags;
  String state;
  String serviceRole;
  /** computeResources as the API returned/accepted them; min/max/desired are rendered from fields. */
  ObjectNode computeResources;
  ObjectNode updatePolicy;
  boolean spot;
  AllocationStrategy strategy;
  List<InstanceType> instanceTypes;
  int minvCpus;
  int maxvCpus;
  /** scalingPolicy.minScaleDownDelayMinutes when set; else the emulator's default scale-down delay. */
  Duration scaleDownDelay;

  final Map<String, Instance> liveInstances = new LinkedHashMap<>();
  final List<Instance> terminatedInstances = new ArrayList<>();
  /** Every attempt placed in this environment by its ECS task ARN, for ECS DescribeTasks. */
  final Map<String, Attempt> tasks = new java.util.HashMap<>();
  private final NavigableMap<Integer, Set<Instance>> readyByFreeVcpus = new TreeMap<>();
  final Set<Instance> bootingWithRoom = new LinkedHashSet<>();
  int desiredvCpus;

  ComputeEnvironment(String name, String arn, String uuid, String ecsClusterArn, long createdSeq,
      Map<String, String> tags) {
    this.name = name;
    this.arn = arn;
    this.uuid = uuid;
    this.ecsClusterArn = ecsClusterArn;
    this.createdSeq = createdSeq;
    this.tags = tags;
  }

  boolean enabled() {
    return "ENABLED".equals(state);
  }

  String ecsClusterName() {
    return ecsClusterArn.substring(ecsClusterArn.indexOf('/') + 1);
  }

  /** Whether any allowed instance type can hold the job at all. */
  boolean someTypeHolds(Resources need) {
    return instanceTypes.stream().anyMatch(t -> t.canHold(need.vcpus(), need.memoryMiB()));
  }

  // ---- fleet bookkeeping (the scheduler calls these under the emulator lock) ----

  void addBooting(Instance instance) {
    liveInstances.put(instance.ec2InstanceId, instance);
    bootingWithRoom.add(instance);
    desiredvCpus += instance.type.vcpus();
  }

  void markReady(Instance instance) {
    bootingWithRoom.remove(instance);
    instance.state = Instance.State.ACTIVE;
    index(instance);
  }

  void terminate(Instance instance, long at) {
    unindex(instance);
    bootingWithRoom.remove(instance);
    liveInstances.remove(instance.ec2InstanceId);
    instance.state = Instance.State.TERMINATED;
    instance.terminatedAt = at;
    terminatedInstances.add(instance);
    desiredvCpus -= instance.type.vcpus();
  }

  /** An infrastructure update replaced the instance's settings: it takes no new jobs from now on. */
  void retire(Instance instance) {
    unindex(instance);
    bootingWithRoom.remove(instance);
    instance.outdated = true;
  }

  /** Whether an infrastructure update is still draining instances (the environment shows UPDATING). */
  boolean updating() {
    return liveInstances.values().stream().anyMatch(i -> i.outdated);
  }

  /** The ready instance with the least free vCPUs that still holds {@code need} (best fit), or null. */
  Instance bestFit(Resources need) {
    for (Set<Instance> bucket : readyByFreeVcpus.tailMap(need.vcpus(), true).values()) {
      for (Instance instance : bucket) {
        if (instance.fits(need)) {
          return instance;
        }
      }
    }
    return null;
  }

  /** A booting instance with unpromised room for {@code need}, or null. */
  Instance bootingRoomFor(Resources need) {
    Iterator<Instance> it = bootingWithRoom.iterator();
    while (it.hasNext()) {
      Instance instance = it.next();
      if (instance.hasUnreservedRoom(need)) {
        return instance;
      }
    }
    return null;
  }

  void occupy(Instance instance, Resources need) {
    unindex(instance);
    instance.usedVcpus += need.vcpus();
    instance.usedMemoryMiB += need.memoryMiB();
    index(instance);
  }

  void release(Instance instance, Resources need) {
    unindex(instance);
    instance.usedVcpus -= need.vcpus();
    instance.usedMemoryMiB -= need.memoryMiB();
    index(instance);
  }

  void reserve(Instance instance, Resources need) {
    instance.reservedVcpus += need.vcpus();
    instance.reservedMemoryMiB += need.memoryMiB();
    if (instance.reservedVcpus >= instance.type.vcpus()
        || instance.reservedMemoryMiB >= instance.type.usableMemoryMiB()) {
      bootingWithRoom.remove(instance);
    }
  }

  void unreserve(Instance instance, Resources need) {
    instance.reservedVcpus -= need.vcpus();
    instance.reservedMemoryMiB -= need.memoryMiB();
    if (instance.state == Instance.State.BOOTING) {
      bootingWithRoom.add(instance);
    }
  }

  private void index(Instance instance) {
    if (instance.state == Instance.State.ACTIVE && instance.freeVcpus() > 0 && !instance.outdated) {
      readyByFreeVcpus.computeIfAbsent(instance.freeVcpus(), k -> new LinkedHashSet<>()).add(instance);
    }
  }

  private void unindex(Instance instance) {
    Set<Instance> bucket = readyByFreeVcpus.get(instance.freeVcpus());
    if (bucket != null && bucket.remove(instance) && bucket.isEmpty()) {
      readyByFreeVcpus.remove(instance.freeVcpus());
    }
  }
}
