package batchlab.local;

import batchlab.batch.AllocationStrategy;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One workload run on the emulator's own scheduler, in-process on the manual clock: no HTTP, no SDK,
 * but the same control plane {@link BatchEmulator} serves (compute environment, queue and job
 * definition are created, and jobs submitted, through the same API operations). For the planner,
 * which runs thousands of these:
 *
 * <pre>{@code
 * TwinRun run = new TwinRun(new TwinRun.Environment(0, 4, List.of("m7i.large"),
 *     AllocationStrategy.BEST_FIT_PROGRESSIVE, true), 2, 1024, TwinRun.Retry.NONE, Timings.DEFAULT,
 *     Faults.NONE, CapacityLimits.NONE, 1);
 * for (int i = 0; i < 10; i++) run.submit(0, Duration.ofSeconds(60));
 * TwinRun.Result result = run.run();
 * }</pre>
 *
 * Times in the result are milliseconds since the run started (virtual time 0).
 */
public final class TwinRun {

  private static final String NAME = "plan";

  /** The compute environment's settings: what the stack's context sets. */
  public record Environment(int minvCpus, int maxvCpus, List<String> instanceTypes, AllocationStrategy strategy,
      boolean spot) {
    public Environment {
      instanceTypes = List.copyOf(instanceTypes);
      Objects.requireNonNull(strategy, "strategy");
    }
  }

  /**
   * The job definition's retryStrategy: up to {@code attempts} attempts; when
   * {@code retryOnStatusReason} is set, only attempts whose status reason matches it are retried
   * ({@code evaluateOnExit: [{onStatusReason: it, action: RETRY}, {onReason: "*", action: EXIT}]}).
   */
  public record Retry(int attempts, String retryOnStatusReason) {
    public static final Retry NONE = new Retry(1, null);
  }

  /** One attempt: on which instance (index into {@link Result#instances}), placed, RUNNING (0 if never), stopped. */
  public record AttemptRecord(int instance, long placedAt, long startedAt, long stoppedAt) {}

  /** One job: submitted, its final status, and its attempts, oldest first. */
  public record JobRecord(long createdAt, long stoppedAt, String status, List<AttemptRecord> attempts) {
    /** When the first attempt was placed on an instance (left RUNNABLE), or -1 if never. */
    public long firstPlacedAt() {
      return attempts.isEmpty() ? -1 : attempts.get(0).placedAt();
    }
  }

  /**
   * One instance: launched, registered with ECS (-1 if never), and when it ended: terminated by
   * scale-in or a reclaim, or, when still up at the end (kept by minvCpus), the end of the last job.
   */
  public record InstanceRecord(String type, int vcpus, boolean spot, long launchedAt, long registeredAt,
      long endedAt, boolean terminated) {}

  public record Result(List<JobRecord> jobs, List<InstanceRecord> instances) {}

  private final ControlPlane plane;
  private final Timings timings;
  private final List<WorkloadModel.Run> runs = new ArrayList<>();
  private final List<String> jobIds = new ArrayList<>();

  /**
   * Creates the environment, queue and job definition ({@code jobVcpus}, {@code jobMemoryMiB},
   * {@code retry}) on a fresh control plane at virtual time 0, with EC2 giving at most
   * {@code capacity} instances per type.
   *
   * @throws IllegalArgumentException when the emulator's API rejects a setting (its message)
   */
  public TwinRun(Environment environment, int jobVcpus, int jobMemoryMiB, Retry retry, Timings timings,
      Faults faults, CapacityLimits capacity, long seed) {
    this.timings = Objects.requireNonNull(timings, "timings");
    this.plane = new ControlPlane(new Arns("us-east-1", Arns.DEFAULT_ACCOUNT), new VirtualClock(Speed.MANUAL, 0),
        new Ids(seed, 0), timings, faults, capacity,
        job -> runs.get(Integer.parseInt(job.jobName().substring(1))),
        Duration.ZERO);
    try {
      plane.call("createcomputeenvironment", environmentRequest(environment));
      ObjectNode queue = Json.object().put("jobQueueName", NAME).put("priority", 1);
      queue.putArray("computeEnvironmentOrder").addObject().put("order", 1).put("computeEnvironment", NAME);
      plane.call("createjobqueue", queue);
      ObjectNode definition = Json.object().put("jobDefinitionName", NAME).put("type", "container");
      ObjectNode container = definition.putObject("containerProperties").put("image", "plan");
      container.putArray("resourceRequirements")
          .add(Json.object().put("type", "VCPU").put("value", Integer.toString(jobVcpus)))
          .add(Json.object().put("type", "MEMORY").put("value", Integer.toString(jobMemoryMiB)));
      ObjectNode retryStrategy = definition.putObject("retryStrategy").put("attempts", retry.attempts());
      if (retry.retryOnStatusReason() != null) {
        ArrayNode entries = retryStrategy.putArray("evaluateOnExit");
        entries.addObject().put("onStatusReason", retry.retryOnStatusReason()).put("action", "RETRY");
        entries.addObject().put("onReason", "*").put("action", "EXIT");
      }
      plane.call("registerjobdefinition", definition);
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static ObjectNode environmentRequest(Environment environment) {
    ObjectNode request = Json.object().put("computeEnvironmentName", NAME).put("type", "MANAGED");
    ObjectNode resources = request.putObject("computeResources")
        .put("type", environment.spot() ? "SPOT" : "EC2")
        .put("minvCpus", environment.minvCpus())
        .put("maxvCpus", environment.maxvCpus())
        .put("allocationStrategy", environment.strategy().name())
        .put("instanceRole", "plan");
    environment.instanceTypes().forEach(resources.putArray("instanceTypes")::add);
    resources.putArray("subnets").add("subnet-plan");
    return request;
  }

  /** Submits one job at virtual time {@code atMillis} (not before the last call's) that runs {@code runtime}. */
  public void submit(long atMillis, Duration runtime) {
    submit(atMillis, WorkloadModel.Run.succeedsAfter(runtime));
  }

  /** Submits one job at virtual time {@code atMillis} (not before the last call's) whose attempts run as {@code run}. */
  public void submit(long atMillis, WorkloadModel.Run run) {
    long now = plane.simulation.now();
    if (atMillis < now) {
      throw new IllegalArgumentException("submit times must not go back: " + atMillis + " ms after " + now + " ms");
    }
    plane.simulation.advance(Duration.ofMillis(atMillis - now));
    ObjectNode request = Json.object().put("jobName", "j" + runs.size()).put("jobQueue", NAME)
        .put("jobDefinition", NAME);
    runs.add(run);
    jobIds.add(plane.call("submitjob", request).get("jobId").asText());
  }

  /**
   * Runs until every job is SUCCEEDED or FAILED, then until idle instances have scaled in; returns
   * the records. Returns null when jobs are left that nothing can finish (a blocked queue).
   */
  public Result run() {
    try {
      if (!plane.simulation.awaitJobsDone(Duration.ofDays(1))) {
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    long lastJobEnd = plane.simulation.now();
    plane.simulation.advance(timings.instanceBoot().plus(timings.scaleDown()).plusSeconds(1));
    return plane.simulation.call(() -> records(lastJobEnd));
  }

  private Result records(long lastJobEnd) {
    List<Instance> all = new ArrayList<>();
    for (ComputeEnvironment ce : plane.registry.environments()) {
      all.addAll(ce.terminatedInstances);
      all.addAll(ce.liveInstances.values());
    }
    all.sort(Comparator.comparingLong(i -> i.seq));
    Map<Instance, Integer> index = new IdentityHashMap<>();
    List<InstanceRecord> instances = new ArrayList<>(all.size());
    for (Instance i : all) {
      index.put(i, instances.size());
      boolean terminated = !i.live();
      // Only ready instances are scaled in or reclaimed, so a terminated one has registered.
      long registered = i.state == Instance.State.BOOTING ? -1 : i.registeredAt;
      instances.add(new InstanceRecord(i.type.name(), i.type.vcpus(), i.spot, i.launchedAt, registered,
          terminated ? i.terminatedAt : lastJobEnd, terminated));
    }
    List<JobRecord> jobs = new ArrayList<>(jobIds.size());
    for (String id : jobIds) {
      Job job = plane.registry.job(id);
      List<AttemptRecord> attempts = new ArrayList<>(job.attempts.size());
      for (Attempt a : job.attempts) {
        attempts.add(new AttemptRecord(index.get(a.instance), a.placedAt, a.startedAt, a.stoppedAt));
      }
      jobs.add(new JobRecord(job.createdAt, job.stoppedAt, job.status.name(), attempts));
    }
    return new Result(jobs, instances);
  }
}
