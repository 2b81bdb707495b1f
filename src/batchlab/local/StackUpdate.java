package batchlab.local;

import batchlab.batch.AllocationStrategy;
import batchlab.batch.InstanceType;
import batchlab.batch.ResourceChange;
import batchlab.batch.StackChanges;
import batchlab.batch.UpdateKind;
import batchlab.batch.UpdateRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One UpdateStack (or ExecuteChangeSet) of the loaded stack, run on the virtual clock the way
 * CloudFormation runs it: the stack goes UPDATE_IN_PROGRESS, the changed resources are updated one
 * after the other (compute environments, then scheduling policies, then queues, then job definitions,
 * then the rest; the order the template's references need), each
 * judged by {@link UpdateRules} through {@link StackChanges}; replaced and removed resources are
 * deleted in UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, and the stack ends UPDATE_COMPLETE. A resource that
 * fails (a change the rules say fails, or an API error) rolls the stack back: the resources updated so
 * far are restored and the stack ends UPDATE_ROLLBACK_COMPLETE, with events that say why.
 *
 * <p>Timing (virtual): each resource step takes {@link #STEP}; an infrastructure update completes only
 * when the compute environment's old instances have drained, checked every {@link #DRAIN_POLL}.
 */
final class StackUpdate {

  /** How long CloudFormation spends on one resource here: a scaling update is fast. */
  static final Duration STEP = Duration.ofSeconds(1);
  /** How often a running infrastructure update checks whether the old instances are gone. */
  static final Duration DRAIN_POLL = Duration.ofSeconds(5);
  private static final String CREATING_REPLACEMENT =
      "Requested update requires the creation of a new physical resource; hence creating one.";

  /** One resource step: what to do, and how to undo it on rollback. */
  private interface Action {
    /** Applies the change; returns what must hold before the resource is UPDATE_COMPLETE, or null. */
    BooleanSupplier apply();

    void undo();
  }

  private record Step(ResourceChange change, String oldPhysicalId, Action action) {}

  /** Something to delete in the clean-up phase. */
  private record Cleanup(String logicalId, String type, String physicalId, Runnable delete) {}

  private final StackRecord stack;
  private final JsonNode template;
  private final String templateBody;
  private final StackChanges changes;
  private final StackServices services;
  private final ChangeSet changeSet;
  private final TemplateLoader loader;
  private final List<Step> steps = new ArrayList<>();
  private final Deque<Step> applied = new ArrayDeque<>();
  private final List<Cleanup> cleanups = new ArrayList<>();
  private final Map<String, Integer> generations;

  StackUpdate(StackRecord stack, JsonNode template, String templateBody, StackChanges changes, StackServices services,
      ChangeSet changeSet) {
    this.stack = stack;
    this.template = template;
    this.templateBody = templateBody;
    this.changes = changes;
    this.services = services;
    this.changeSet = changeSet;
    this.generations = new HashMap<>(stack.generations);
    Map<String, String> kept = new HashMap<>(stack.loaded.physicalIds());
    for (ResourceChange change : changes.resources()) {
      if (change.kind() == UpdateKind.REPLACEMENT) {
        generations.merge(change.logicalId(), 1, Integer::sum);
        kept.remove(change.logicalId());
      } else if (change.kind() == UpdateKind.NEW_REVISION || change.kind() == UpdateKind.ADDED) {
        kept.remove(change.logicalId());
      }
    }
    this.loader = new TemplateLoader(template, stack.name, services.seed(), services.arns(), kept, generations);
    for (String type : List.of(UpdateRules.COMPUTE_ENVIRONMENT, UpdateRules.SCHEDULING_POLICY, UpdateRules.JOB_QUEUE,
        UpdateRules.JOB_DEFINITION, "")) {
      for (ResourceChange change : changes.resources()) {
        boolean batch = UpdateRules.isBatch(change.type());
        if ((type.isEmpty() ? !batch : change.type().equals(type)) && !removed(change)) {
          steps.add(new Step(change, stack.loaded.physicalIds().get(change.logicalId()), action(change)));
        }
      }
    }
    for (ResourceChange change : changes.resources()) {
      if (removed(change)) {
        String physicalId = stack.loaded.physicalIds().get(change.logicalId());
        cleanups.add(new Cleanup(change.logicalId(), change.type(), physicalId, delete(change.type(), physicalId)));
      }
    }
  }

  private boolean removed(ResourceChange change) {
    return template.path("Resources").path(change.logicalId()).isMissingNode();
  }

  /** Starts the update at the current virtual time. */
  void start() {
    stack.update = this;
    stack.lastUpdatedAt = now();
    stack.stackEvent(now(), "UPDATE_IN_PROGRESS", "User Initiated");
    if (changeSet != null) {
      changeSet.executionStatus = "EXECUTE_IN_PROGRESS";
    }
    later(() -> run(0));
  }

  private void run(int index) {
    if (index == steps.size()) {
      cleanUp();
      return;
    }
    Step step = steps.get(index);
    ResourceChange change = step.change();
    boolean creates = change.kind() == UpdateKind.ADDED || change.kind() == UpdateKind.REPLACEMENT;
    String newId = creates ? null : step.oldPhysicalId();
    stack.resourceEvent(change.logicalId(), newId == null ? "" : newId, change.type(), now(),
        creates && change.kind() == UpdateKind.ADDED ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS",
        change.kind() == UpdateKind.REPLACEMENT ? CREATING_REPLACEMENT : null);
    BooleanSupplier done;
    try {
      if (change.kind() == UpdateKind.FAILURE) {
        throw ApiException.client(change.failure());
      }
      done = step.action().apply();
      applied.push(step);
    } catch (ApiException | TemplateException e) {
      fail(step, e.getMessage());
      return;
    }
    awaitThenComplete(index, done);
  }

  private void awaitThenComplete(int index, BooleanSupplier done) {
    if (done != null && !done.getAsBoolean()) {
      services.scheduler().after(DRAIN_POLL, () -> awaitThenComplete(index, done));
      return;
    }
    ResourceChange change = steps.get(index).change();
    stack.resourceEvent(change.logicalId(), loader.physicalIds().getOrDefault(change.logicalId(), ""), change.type(),
        now(), change.kind() == UpdateKind.ADDED ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", null);
    later(() -> run(index + 1));
  }

  private void cleanUp() {
    stack.stackEvent(now(), "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
    // A scheduling policy can only be deleted once no queue uses it, so the old queues go first.
    cleanups.sort(java.util.Comparator.comparing(c -> c.type().equals(UpdateRules.SCHEDULING_POLICY)));
    for (Cleanup cleanup : cleanups) {
      stack.resourceEvent(cleanup.logicalId(), cleanup.physicalId(), cleanup.type(), now(), "DELETE_IN_PROGRESS", null);
      try {
        cleanup.delete().run();
      } catch (ApiException e) {
        // CloudFormation does not roll back a failed clean-up; it says so and goes on.
        stack.resourceEvent(cleanup.logicalId(), cleanup.physicalId(), cleanup.type(), now(), "DELETE_FAILED",
            e.getMessage());
        continue;
      }
      stack.resourceEvent(cleanup.logicalId(), cleanup.physicalId(), cleanup.type(), now(), "DELETE_COMPLETE", null);
    }
    stack.template = template;
    stack.templateBody = templateBody;
    stack.generations.clear();
    stack.generations.putAll(generations);
    stack.loaded = new LoadedStack(stack.name, stack.id, stack.createdAt, loader.outputs(), loader.physicalIds());
    stack.stackEvent(now(), "UPDATE_COMPLETE", null);
    finished("EXECUTE_COMPLETE");
  }

  /** A resource failed: everything updated so far is restored, newest first, then the stack is UPDATE_ROLLBACK_COMPLETE. */
  private void fail(Step failed, String reason) {
    ResourceChange change = failed.change();
    stack.resourceEvent(change.logicalId(), failed.oldPhysicalId() == null ? "" : failed.oldPhysicalId(),
        change.type(), now(), change.kind() == UpdateKind.ADDED ? "CREATE_FAILED" : "UPDATE_FAILED", reason);
    stack.stackEvent(now(), "UPDATE_ROLLBACK_IN_PROGRESS",
        "The following resource(s) failed to " + (change.kind() == UpdateKind.ADDED ? "create" : "update") + ": ["
            + change.logicalId() + "]. ");
    later(() -> {
      while (!applied.isEmpty()) {
        Step step = applied.pop();
        String logicalId = step.change().logicalId();
        String type = step.change().type();
        UpdateKind kind = step.change().kind();
        // What the step created (an added or replaced resource, a new revision) is deleted again; a
        // resource that existed before goes back to its old physical resource.
        String created = kind == UpdateKind.ADDED || kind == UpdateKind.REPLACEMENT || kind == UpdateKind.NEW_REVISION
            ? loader.physicalIds().getOrDefault(logicalId, "") : null;
        if (step.oldPhysicalId() != null) {
          stack.resourceEvent(logicalId, step.oldPhysicalId(), type, now(), "UPDATE_IN_PROGRESS", null);
        }
        step.action().undo();
        if (step.oldPhysicalId() != null) {
          stack.resourceEvent(logicalId, step.oldPhysicalId(), type, now(), "UPDATE_COMPLETE", null);
        }
        if (created != null) {
          stack.resourceEvent(logicalId, created, type, now(), "DELETE_IN_PROGRESS", null);
          stack.resourceEvent(logicalId, created, type, now(), "DELETE_COMPLETE", null);
        }
      }
      stack.stackEvent(now(), "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
      stack.stackEvent(now(), "UPDATE_ROLLBACK_COMPLETE", null);
      finished("EXECUTE_FAILED");
    });
  }

  private void finished(String executionStatus) {
    stack.update = null;
    if (changeSet != null) {
      changeSet.executionStatus = executionStatus;
    }
  }

  // ---------------------------------------------------------------- what each kind of change does

  private Action action(ResourceChange change) {
    String id = change.logicalId();
    String oldPhysicalId = stack.loaded.physicalIds().get(id);
    return switch (change.type()) {
      case UpdateRules.COMPUTE_ENVIRONMENT -> switch (change.kind()) {
        case ADDED, REPLACEMENT -> created(id, oldPhysicalId, change.type(),
            () -> services.environments().create(loader.request(id)).path("computeEnvironmentArn").asText());
        default -> updatedEnvironment(change, oldPhysicalId);
      };
      case UpdateRules.JOB_QUEUE -> switch (change.kind()) {
        case ADDED, REPLACEMENT -> created(id, oldPhysicalId, change.type(),
            () -> services.queues().create(loader.request(id)).path("jobQueueArn").asText());
        default -> updatedQueue(id, oldPhysicalId);
      };
      case UpdateRules.SCHEDULING_POLICY -> switch (change.kind()) {
        case ADDED, REPLACEMENT -> created(id, oldPhysicalId, change.type(),
            () -> services.policies().create(loader.request(id)).path("arn").asText());
        default -> updatedPolicy(id, oldPhysicalId);
      };
      case UpdateRules.JOB_DEFINITION -> created(id, oldPhysicalId, change.type(), () -> {
        String arn = services.definitions().registerDefinition(loader.request(id)).path("jobDefinitionArn").asText();
        loader.setRef(id, arn);
        return arn;
      });
      default -> new Action() {
        @Override
        public BooleanSupplier apply() {
          return null;
        }

        @Override
        public void undo() {}
      };
    };
  }

  /** A new physical resource (added, replaced, or a job definition's next revision); the old one goes in clean-up. */
  private Action created(String logicalId, String oldPhysicalId, String type, java.util.function.Supplier<String> create) {
    return new Action() {
      private String created;

      @Override
      public BooleanSupplier apply() {
        created = create.get();
        if (oldPhysicalId != null) {
          cleanups.add(new Cleanup(logicalId, type, oldPhysicalId, delete(type, oldPhysicalId)));
        }
        return null;
      }

      @Override
      public void undo() {
        cleanups.removeIf(c -> c.logicalId().equals(logicalId) && c.physicalId().equals(oldPhysicalId));
        delete(type, created).run();
      }
    };
  }

  /**
   * UpdateComputeEnvironment with the changed settings only (so that a scaling-only change stays a
   * scaling update); an infrastructure update completes when the old instances are gone.
   */
  private Action updatedEnvironment(ResourceChange change, String arn) {
    return new Action() {
      private EnvironmentSettings before;

      @Override
      public BooleanSupplier apply() {
        ComputeEnvironment ce = services.registry().environment(arn);
        before = EnvironmentSettings.of(ce);
        ObjectNode resolved = loader.request(change.logicalId());
        ObjectNode request = Json.object();
        request.put("computeEnvironment", arn);
        ObjectNode resources = Json.object();
        for (ResourceChange.Property property : change.properties()) {
          String path = property.path();
          if (path.startsWith("ComputeResources.")) {
            String field = camel(path.substring("ComputeResources.".length()));
            JsonNode value = resolved.path("computeResources").get(field);
            if (value != null) {
              resources.set(field, value);
            }
          } else if (List.of("State", "ServiceRole", "UpdatePolicy").contains(path) && resolved.has(camel(path))) {
            request.set(camel(path), resolved.get(camel(path)));
          }
        }
        if (!resources.isEmpty()) {
          request.set("computeResources", resources);
        }
        services.environments().update(request);
        return change.kind() == UpdateKind.INFRASTRUCTURE ? () -> !ce.updating() : null;
      }

      @Override
      public void undo() {
        ComputeEnvironment ce = services.registry().environment(arn);
        before.restore(ce);
        services.scheduler().environmentChanged(ce, null);
      }
    };
  }

  /**
   * UpdateSchedulingPolicy with the template's FairsharePolicy (the only property updated in place): it
   * replaces the old settings whole, and a FairsharePolicy taken out of the template leaves the defaults.
   */
  private Action updatedPolicy(String logicalId, String arn) {
    return new Action() {
      private SchedulingPolicy.Fairshare before;

      @Override
      public BooleanSupplier apply() {
        SchedulingPolicy policy = services.registry().policy(arn);
        before = policy.fairshare;
        ObjectNode resolved = loader.request(logicalId);
        ObjectNode request = Json.object();
        request.put("arn", arn);
        request.set("fairsharePolicy", resolved.hasNonNull("fairsharePolicy") ? resolved.get("fairsharePolicy")
            : Json.object());
        services.policies().update(request);
        return null;
      }

      @Override
      public void undo() {
        services.registry().policy(arn).fairshare = before;
        services.scheduler().markDirty();
      }
    };
  }

  /**
   * UpdateJobQueue with the queue's resolved settings (every queue setting updates in place; a
   * SchedulingPolicyArn that would be added or removed is a failure the rules report before this runs).
   */
  private Action updatedQueue(String logicalId, String arn) {
    return new Action() {
      private QueueSettings before;

      @Override
      public BooleanSupplier apply() {
        JobQueue queue = services.registry().queue(arn);
        before = QueueSettings.of(queue);
        ObjectNode resolved = loader.request(logicalId);
        ObjectNode request = Json.object();
        request.put("jobQueue", arn);
        for (String field : List.of("priority", "state", "computeEnvironmentOrder", "jobStateTimeLimitActions",
            "schedulingPolicyArn")) {
          if (resolved.has(field)) {
            request.set(field, resolved.get(field));
          }
        }
        if (!resolved.has("jobStateTimeLimitActions")) {
          request.putArray("jobStateTimeLimitActions");
        }
        services.queues().update(request);
        return null;
      }

      @Override
      public void undo() {
        before.restore(services.registry().queue(arn));
        services.registry().sortQueues();
        services.scheduler().markDirty();
      }
    };
  }

  /** How CloudFormation deletes a Batch resource: disable it, then delete it (a job definition: deregister). */
  private Runnable delete(String type, String physicalId) {
    return switch (type) {
      case UpdateRules.COMPUTE_ENVIRONMENT -> () -> {
        services.registry().environment(physicalId).state = "DISABLED";
        services.environments().delete(Json.object().put("computeEnvironment", physicalId));
      };
      case UpdateRules.JOB_QUEUE -> () -> {
        services.registry().queue(physicalId).state = "DISABLED";
        services.queues().delete(Json.object().put("jobQueue", physicalId));
      };
      case UpdateRules.SCHEDULING_POLICY -> () -> services.policies().delete(Json.object().put("arn", physicalId));
      case UpdateRules.JOB_DEFINITION -> () -> services.definitions().deregister(
          Json.object().put("jobDefinition", physicalId));
      default -> () -> { };
    };
  }

  private void later(Runnable action) {
    services.scheduler().after(STEP, action);
  }

  private long now() {
    return services.scheduler().now();
  }

  private static String camel(String name) {
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** What an update may change on a compute environment, to put back on rollback. */
  private record EnvironmentSettings(String state, String serviceRole, ObjectNode computeResources,
      ObjectNode updatePolicy, boolean spot, AllocationStrategy strategy, List<InstanceType> instanceTypes,
      int minvCpus, int maxvCpus, Duration scaleDownDelay) {

    static EnvironmentSettings of(ComputeEnvironment ce) {
      return new EnvironmentSettings(ce.state, ce.serviceRole, ce.computeResources.deepCopy(),
          ce.updatePolicy == null ? null : ce.updatePolicy.deepCopy(), ce.spot, ce.strategy, ce.instanceTypes,
          ce.minvCpus, ce.maxvCpus, ce.scaleDownDelay);
    }

    void restore(ComputeEnvironment ce) {
      ce.state = state;
      ce.serviceRole = serviceRole;
      ce.computeResources = computeResources;
      ce.updatePolicy = updatePolicy;
      ce.spot = spot;
      ce.strategy = strategy;
      ce.instanceTypes = instanceTypes;
      ce.minvCpus = minvCpus;
      ce.maxvCpus = maxvCpus;
      ce.scaleDownDelay = scaleDownDelay;
    }
  }

  /** What an update may change on a job queue, to put back on rollback. */
  private record QueueSettings(int priority, String state, List<ComputeEnvironment> environments,
      List<Integer> orders, List<TimeLimitAction> timeLimitActions, SchedulingPolicy policy) {

    static QueueSettings of(JobQueue queue) {
      return new QueueSettings(queue.priority, queue.state, List.copyOf(queue.computeEnvironments),
          List.copyOf(queue.computeEnvironmentOrders), List.copyOf(queue.timeLimitActions), queue.policy);
    }

    void restore(JobQueue queue) {
      queue.priority = priority;
      queue.state = state;
      queue.computeEnvironments = new ArrayList<>(environments);
      queue.computeEnvironmentOrders = new ArrayList<>(orders);
      queue.timeLimitActions = timeLimitActions;
      queue.policy = policy;
    }
  }
}
