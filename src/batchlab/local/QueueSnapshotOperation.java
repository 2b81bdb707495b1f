package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * GetJobQueueSnapshot (API Reference): the first 100 RUNNABLE jobs of a queue in dispatch order, each
 * with the time it took its place in the line, and the capacity the queue's dispatched (STARTING and
 * RUNNING) jobs use. The emulator's queues are FIFO, so the fair-share part is empty.
 */
final class QueueSnapshotOperation {

  /** API Reference, GetJobQueueSnapshot: "The first 100 RUNNABLE jobs in the job queue are listed". */
  static final int FRONT_OF_QUEUE_JOBS = 100;
  /** API Reference, QueueSnapshotCapacityUsage: the unit "for compute jobs ... VCPU for Amazon EC2". */
  static final String VCPU = "VCPU";

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
    for (Job job : queue.runnable) {
      if (jobs.size() == FRONT_OF_QUEUE_JOBS) {
        break;
      }
      jobs.addObject().put("jobArn", registry.arns.job(job.id))
          .put("earliestTimeAtPosition", queue.earliestTimeAtPosition(job));
    }
    front.put("lastUpdatedAt", now);
    ObjectNode utilization = response.putObject("queueUtilization");
    utilization.putArray("totalCapacityUsage").addObject().put("capacityUnit", VCPU)
        .put("quantity", (double) dispatchedVcpus(queue));
    ObjectNode fairshare = utilization.putObject("fairshareUtilization");
    fairshare.put("activeShareCount", 0);
    fairshare.putArray("topCapacityUtilization");
    utilization.put("lastUpdatedAt", now);
    return response;
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
