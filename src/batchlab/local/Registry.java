package batchlab.local;

import batchlab.batch.BatchLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one owner of the emulated account's state: compute environments, job queues (by name and in
 * scheduling order), job definitions and jobs, with lookups by name or ARN as the API accepts them.
 * The API operations and the scheduler read and change it through these methods only. Accessed
 * only under the simulation lock.
 */
final class Registry {

  final Arns arns;
  private final Map<String, ComputeEnvironment> environments = new LinkedHashMap<>();
  private final Map<String, JobQueue> queues = new LinkedHashMap<>();
  /** The queues in scheduling order: descending priority, then creation order. */
  private final List<JobQueue> queuesByPriority = new ArrayList<>();
  private final Map<String, TreeMap<Integer, JobDefinition>> definitions = new LinkedHashMap<>();
  private final Map<String, Job> jobsById = new HashMap<>();
  /** Scheduling policies by ARN, in creation order. */
  private final Map<String, SchedulingPolicy> policies = new LinkedHashMap<>();
  private long resourceSeq;

  Registry(Arns arns) {
    this.arns = arns;
  }

  long nextSeq() {
    return resourceSeq++;
  }

  // ---------------------------------------------------------------- compute environments

  boolean hasEnvironment(String name) {
    return environments.containsKey(name);
  }

  void addEnvironment(ComputeEnvironment ce) {
    environments.put(ce.name, ce);
  }

  void removeEnvironment(ComputeEnvironment ce) {
    environments.remove(ce.name);
  }

  Collection<ComputeEnvironment> environments() {
    return environments.values();
  }

  ComputeEnvironment environment(String nameOrArn) {
    ComputeEnvironment ce = environments.get(nameFromArn(nameOrArn, ":compute-environment/"));
    if (ce == null) {
      throw ApiException.client("compute environment " + nameOrArn + " does not exist");
    }
    return ce;
  }

  // ---------------------------------------------------------------- job queues

  boolean hasQueue(String name) {
    return queues.containsKey(name);
  }

  void addQueue(JobQueue queue) {
    queues.put(queue.name, queue);
    queuesByPriority.add(queue);
    sortQueues();
  }

  void removeQueue(JobQueue queue) {
    queues.remove(queue.name);
    queuesByPriority.remove(queue);
  }

  /** Restores the scheduling order after a queue's priority changed. */
  void sortQueues() {
    queuesByPriority.sort(Comparator.comparingInt((JobQueue q) -> -q.priority).thenComparingLong(q -> q.createdSeq));
  }

  /** Every queue in creation order (as Describe lists them). */
  Collection<JobQueue> queues() {
    return queues.values();
  }

  /** Every queue in the order AWS evaluates them: descending priority, then creation order. */
  List<JobQueue> queuesByPriority() {
    return queuesByPriority;
  }

  JobQueue queue(String nameOrArn) {
    JobQueue queue = queues.get(nameFromArn(nameOrArn, ":job-queue/"));
    if (queue == null) {
      throw ApiException.client("job queue " + nameOrArn + " does not exist");
    }
    return queue;
  }

  // ---------------------------------------------------------------- scheduling policies

  boolean hasPolicy(String arn) {
    return policies.containsKey(arn);
  }

  void addPolicy(SchedulingPolicy policy) {
    policies.put(policy.arn, policy);
  }

  void removePolicy(SchedulingPolicy policy) {
    policies.remove(policy.arn);
  }

  Collection<SchedulingPolicy> policies() {
    return policies.values();
  }

  /** A scheduling policy by ARN (the API names policies by ARN only). */
  SchedulingPolicy policy(String arn) {
    SchedulingPolicy policy = policies.get(arn);
    if (policy == null) {
      throw ApiException.client("scheduling policy " + arn + " does not exist");
    }
    return policy;
  }

  // ---------------------------------------------------------------- job definitions

  /** Registers the next revision of {@code name} (1 for a new name), built by {@code create}. */
  JobDefinition addDefinition(String name, Function<Integer, JobDefinition> create) {
    TreeMap<Integer, JobDefinition> revisions = definitions.computeIfAbsent(name, k -> new TreeMap<>());
    int revision = revisions.isEmpty() ? 1 : revisions.lastKey() + 1;
    JobDefinition definition = create.apply(revision);
    revisions.put(revision, definition);
    return definition;
  }

  /**
   * A job definition by name (latest ACTIVE revision), name:revision or ARN, as SubmitJob accepts it.
   */
  JobDefinition definition(String reference) {
    String ref = nameFromArn(reference, ":job-definition/");
    int colon = ref.lastIndexOf(':');
    TreeMap<Integer, JobDefinition> revisions = definitions.get(colon < 0 ? ref : ref.substring(0, colon));
    JobDefinition found = null;
    if (revisions != null) {
      if (colon < 0) {
        found = revisions.descendingMap().values().stream().filter(JobDefinition::active).findFirst().orElse(null);
      } else {
        try {
          found = revisions.get(Integer.parseInt(ref.substring(colon + 1)));
        } catch (NumberFormatException e) {
          throw ApiException.client("job definition revision in '" + reference + "' must be a number");
        }
      }
    }
    if (found == null || !found.active()) {
      throw ApiException.client("job definition " + reference + " does not exist or is not ACTIVE");
    }
    return found;
  }

  List<JobDefinition> allDefinitions() {
    List<JobDefinition> all = new ArrayList<>();
    definitions.values().forEach(revisions -> all.addAll(revisions.values()));
    return all;
  }

  // ---------------------------------------------------------------- jobs

  void addJob(Job job) {
    jobsById.put(job.id, job);
  }

  /** The job (or array child {@code <id>:<index>}) with this id, or null. */
  Job job(String id) {
    return jobsById.get(id);
  }

  /** The job a job id or job ARN names, or null. */
  Job jobByIdOrArn(String idOrArn) {
    return jobsById.get(idOrArn.startsWith("arn:") ? idOrArn.substring(idOrArn.indexOf(":job/") + 5) : idOrArn);
  }

  // ---------------------------------------------------------------- lookups shared by the API

  /**
   * What a Describe* call lists: every resource when {@code names} is empty, else the named ones
   * that exist (Describe calls leave out names that do not exist, as AWS does), at most 100 names.
   */
  static <T> List<T> describe(String field, List<String> names, Collection<T> all, Function<String, T> lookup) {
    if (names.size() > BatchLimits.DESCRIBE_NAMES_MAX) {
      throw ApiException.client(field + " accepts at most " + BatchLimits.DESCRIBE_NAMES_MAX + " names or ARNs, got "
          + names.size());
    }
    if (names.isEmpty()) {
      return new ArrayList<>(all);
    }
    List<T> found = new ArrayList<>();
    for (String name : names) {
      try {
        found.add(lookup.apply(name));
      } catch (ApiException missing) {
        // left out, as AWS does
      }
    }
    return found;
  }

  /** The tags map of the resource an ARN names (TagResource / ListTagsForResource). */
  Map<String, String> tagsOf(String arn) {
    if (arn.contains(":compute-environment/")) {
      return environment(arn).tags;
    }
    if (arn.contains(":job-queue/")) {
      return queue(arn).tags;
    }
    if (arn.contains(":scheduling-policy/")) {
      return policy(arn).tags;
    }
    if (arn.contains(":job-definition/")) {
      return definition(arn).tags;
    }
    if (arn.contains(":job/")) {
      Job job = jobsById.get(arn.substring(arn.indexOf(":job/") + 5));
      if (job != null) {
        return job.spec.tags();
      }
    }
    throw ApiException.client("resource " + arn + " does not exist or does not support tags");
  }

  private static String nameFromArn(String nameOrArn, String marker) {
    int at = nameOrArn.indexOf(marker);
    return nameOrArn.startsWith("arn:") && at >= 0 ? nameOrArn.substring(at + marker.length()) : nameOrArn;
  }
}
