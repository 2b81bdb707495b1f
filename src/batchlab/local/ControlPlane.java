package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The emulated Batch control plane without a front end: clock, registry, scheduler and the API
 * operations by lower-case name. {@link BatchEmulator} serves it over HTTP; {@link TwinRun} drives
 * it in-process. One wiring, so both run the same scheduler.
 */
final class ControlPlane {

  final Arns arns;
  final Ids ids;
  final Registry registry;
  final Scheduler scheduler;
  final Simulation simulation;
  final EnvironmentOperations environments;
  final QueueOperations queues;
  final DefinitionOperations definitions;
  final SchedulingPolicyOperations policies;
  final Map<String, Operation> operations = new HashMap<>();

  ControlPlane(Arns arns, VirtualClock clock, Ids ids, Timings timings, Faults faults, CapacityLimits capacity,
      WorkloadModel workload, Duration maxModeQuietPeriod) {
    this.arns = arns;
    this.ids = ids;
    this.registry = new Registry(arns);
    this.scheduler = new Scheduler(clock, registry, timings, faults, capacity, ids, arns);
    this.simulation = new Simulation(clock, scheduler, maxModeQuietPeriod);
    this.environments = new EnvironmentOperations(registry, scheduler, ids);
    this.queues = new QueueOperations(registry, scheduler);
    this.definitions = new DefinitionOperations(registry);
    this.policies = new SchedulingPolicyOperations(registry, scheduler);
    JobOperations jobs = new JobOperations(registry, scheduler, ids, new JobViews(arns), workload);
    environments.register(operations);
    queues.register(operations);
    definitions.register(operations);
    policies.register(operations);
    jobs.register(operations);
    new QueueSnapshotOperation(registry, scheduler).register(operations);
  }

  /** Runs one API operation under the simulation lock at the current virtual time. */
  JsonNode call(String operation, JsonNode request) {
    return simulation.call(() -> operations.get(operation).apply(request));
  }
}
