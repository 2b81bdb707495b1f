package batchlab.watch;

import batchlab.aws.Retry;
import batchlab.aws.SubmitException;
import batchlab.run.Observations;
import batchlab.run.TaskObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * At the end of a watch, records what calibration needs beyond the timeline: each instance's EC2
 * launchTime (DescribeInstances) and each attempt's ECS task times (DescribeTasks on its taskArn),
 * 100 per call. A call that fails (no permission, say) is a warning and a line in
 * {@link Observations#notRecorded()}, never a failed watch.
 */
final class CalibrationRecorder {

  private static final int PER_CALL = 100;

  private final Ec2Client ec2;
  private final EcsClient ecs;
  private final Retry retry;
  private final Consumer<String> warn;
  private final List<String> notRecorded = new ArrayList<>();

  CalibrationRecorder(Ec2Client ec2, EcsClient ecs, Retry retry, Consumer<String> warn) {
    this.ec2 = ec2;
    this.ecs = ecs;
    this.retry = retry;
    this.warn = warn;
  }

  /** A job attempt's task, as DescribeJobs names it. */
  private record TaskRef(String jobId, int attempt, String taskArn, String containerInstanceArn) {}

  Observations record(InstanceTracker instances, List<JobDetail> jobs, boolean instancesKnown, List<String> earlier) {
    notRecorded.addAll(earlier);
    Map<String, Instant> launchTimes = instancesKnown ? launchTimes(instances.ec2InstanceIds()) : Map.of();
    List<TaskObservation> tasks = tasks(jobs, instances);
    return new Observations(instances.observations(launchTimes), tasks, notRecorded);
  }

  private Map<String, Instant> launchTimes(List<String> ids) {
    Map<String, Instant> times = new HashMap<>();
    try {
      for (int from = 0; from < ids.size(); from += PER_CALL) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PER_CALL));
        retry.call("ec2:DescribeInstances", () -> ec2.describeInstances(r -> r.instanceIds(chunk)))
            .reservations().forEach(res -> res.instances().forEach(i -> times.put(i.instanceId(), i.launchTime())));
      }
    } catch (SubmitException e) {
      skipped("instance launch times (EC2 launchTime)", e);
    }
    return times;
  }

  private List<TaskObservation> tasks(List<JobDetail> jobs, InstanceTracker instances) {
    Map<String, List<TaskRef>> byCluster = new LinkedHashMap<>();
    for (JobDetail job : jobs) {
      for (TaskRef ref : taskRefs(job)) {
        byCluster.computeIfAbsent(cluster(ref.taskArn()), c -> new ArrayList<>()).add(ref);
      }
    }
    List<TaskObservation> observed = new ArrayList<>();
    try {
      for (Map.Entry<String, List<TaskRef>> entry : byCluster.entrySet()) {
        List<TaskRef> refs = entry.getValue();
        for (int from = 0; from < refs.size(); from += PER_CALL) {
          List<TaskRef> chunk = refs.subList(from, Math.min(refs.size(), from + PER_CALL));
          List<String> arns = chunk.stream().map(TaskRef::taskArn).toList();
          Map<String, Task> described = new HashMap<>();
          retry.call("ecs:DescribeTasks", () -> ecs.describeTasks(r -> r.cluster(entry.getKey()).tasks(arns)))
              .tasks().forEach(t -> described.put(t.taskArn(), t));
          for (TaskRef ref : chunk) {
            Task task = described.get(ref.taskArn());
            if (task != null) {
              InstanceTracker.Instance instance = instances.lookup(ref.containerInstanceArn());
              observed.add(new TaskObservation(ref.jobId(), ref.attempt(), ref.taskArn(),
                  instance == null ? null : instance.id(), task.createdAt(), task.pullStartedAt(),
                  task.pullStoppedAt(), task.startedAt(), task.stoppedAt()));
            }
          }
        }
      }
    } catch (SubmitException e) {
      skipped("container start times (ECS task createdAt, pullStartedAt, pullStoppedAt, startedAt)", e);
    }
    return observed;
  }

  /** The finished attempts' tasks, then the attempt in progress (numbered as the timeline numbers them). */
  private static List<TaskRef> taskRefs(JobDetail job) {
    List<TaskRef> refs = new ArrayList<>();
    List<AttemptDetail> attempts = job.attempts();
    for (int i = 0; i < attempts.size(); i++) {
      var container = attempts.get(i).container();
      if (container != null && container.taskArn() != null) {
        refs.add(new TaskRef(job.jobId(), i + 1, container.taskArn(), container.containerInstanceArn()));
      }
    }
    var current = job.container();
    boolean inProgress = job.stoppedAt() == null;
    if (inProgress && current != null && current.taskArn() != null
        && refs.stream().noneMatch(r -> r.taskArn().equals(current.taskArn()))) {
      refs.add(new TaskRef(job.jobId(), attempts.size() + 1, current.taskArn(), current.containerInstanceArn()));
    }
    return refs;
  }

  /** {@code arn:aws:ecs:<region>:<account>:task/<cluster>/<id>}: the cluster the task ran in. */
  private static String cluster(String taskArn) {
    String resource = taskArn.substring(taskArn.indexOf(":task/") + ":task/".length());
    int slash = resource.indexOf('/');
    return slash < 0 ? "default" : resource.substring(0, slash);
  }

  private void skipped(String what, SubmitException e) {
    warn.accept(what + " not recorded: " + e.getMessage());
    notRecorded.add(what + ": " + e.getMessage());
  }
}
