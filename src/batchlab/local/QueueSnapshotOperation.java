package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * GetJobQueueSnapshot (API Reference): the first 100 RUNNABLE jobs of a queue in dispatch order, each
 * with the time it took its place in the line, and the capacity the queue's dispatched (STARTING and
 * RUNNING) jobs use. A fair-share queue lists its jobs in {@link FairShareOrder} (the order the
 * scheduler places them in) and fills the fair-share utilization; a FIFO queue leaves that empty.
 */
final class QueueSnapshotOperation {

  /** API Reference, GetJobQueueSnapshot: "The first 100 RUNNABLE jobs in the job queue are listed". */
  static final int FRONT_OF_QUEUE_JOBS = 100;
  /** API Reference, QueueSnapshotCapacityUsage: the unit "for compute jobs ... VCPU for Amazon EC2". */
  static final String VCPU = "VCPU";
  /** API Reference, FairshareUtilizationDetail: "the top 20 shares with the highest capacity utilization". */
  static final int TOP_SHARES = 20;

  private final Registry registry;
  private final Scheduler scheduler;

  QueueSnapshotOperation(Registry registry, Scheduler scheduler) {
    this.registry = registry;
    this.scheduler = scheduler;
  }

  void register(Map<String, Operation> ops) {
    ops.put("getjobqueuesnapshot", this::snapshot);
  }

  private JsonNode snapshot(JsonNode request) {
    JobQueue queue = registry.queue(Json.requiredString(request, "jobQueue"));
    long now = scheduler.now();
    ObjectNode response = Json.object();
    ObjectNode front = response.putObject("frontOfQueue");
    ArrayNode jobs = front.putArray("jobs");
    Iterable<Job> order = queue.fairShare() ? FairShareOrder.front(queue, now, FRONT_OF_QUEUE_JOBS) : queue.runnable;
    for (Job job : order) {
      if (jobs.size() == FRONT_OF_QUEUE_JOBS) {
        break;
      }
      // In a fair-share queue positions move with usage on every pass: its jobs show when they became RUNNABLE.
      jobs.addObject().put("jobArn", registry.arns.job(job.id))
          .put("earliestTimeAtPosition", queue.fairShare() ? job.runnableSince : queue.earliestTimeAtPosition(job));
    }
    front.put("lastUpdatedAt", now);
    ObjectNode utilization = response.putObject("queueUtilization");
    utilization.putArray("totalCapacityUsage").addObject().put("capacityUnit", VCPU)
        .put("quantity", (double) dispatchedVcpus(queue));
    fairshareUtilization(queue, utilization.putObject("fairshareUtilization"));
    utilization.put("lastUpdatedAt", now);
    return response;
  }

  /** The shares using capacity now (activeShareCount) and the top 20 of them by vCPUs, most first. */
  private static void fairshareUtilization(JobQueue queue, ObjectNode node) {
    List<ShareUsage.Share> using = new ArrayList<>();
    if (queue.fairShare()) {
      queue.shares.all().forEach(share -> {
        if (share.currentVcpus > 0) {
          using.add(share);
        }
      });
    }
    using.sort(Comparator.comparingInt((ShareUsage.Share s) -> -s.currentVcpus).thenComparing(s -> s.id));
    node.put("activeShareCount", using.size());
    ArrayNode top = node.putArray("topCapacityUtilization");
    for (ShareUsage.Share share : using.subList(0, Math.min(TOP_SHARES, using.size()))) {
      ObjectNode entry = top.addObject().put("shareIdentifier", share.id);
      entry.putArray("capacityUsage").addObject().put("capacityUnit", VCPU).put("quantity", (double) share.currentVcpus);
    }
  }

  /** vCPUs of the queue's jobs placed on instances (STARTING or RUNNING), in every environment. */
  private int dispatchedVcpus(JobQueue queue) {
    int vcpus = 0;
    for (ComputeEnvironment ce : registry.environments()) {
      for (Instance instance : ce.liveInstances.values()) {
        for (Job job : instance.jobs) {
          if (job.queue == queue) {
            vcpus += job.spec.resources().vcpus();
          }
        }
      }
    }
    return vcpus;
  }
}
