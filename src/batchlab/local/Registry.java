package batchlab.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Batch resources of the emulated account by name, and lookups by name or ARN as the API
 * accepts them. Accessed only under the simulation lock.
 */
final class Registry {

  final Arns arns;
  final Map<String, ComputeEnvironment> environments = new LinkedHashMap<>();
  final Map<String, JobQueue> queues = new LinkedHashMap<>();
  final Map<String, TreeMap<Integer, JobDefinition>> definitions = new LinkedHashMap<>();
  private long resourceSeq;

  Registry(Arns arns) {
    this.arns = arns;
  }

  long nextSeq() {
    return resourceSeq++;
  }

  ComputeEnvironment environment(String nameOrArn) {
    ComputeEnvironment ce = environments.get(nameFromArn(nameOrArn, ":compute-environment/"));
    if (ce == null) {
      throw ApiException.client("compute environment " + nameOrArn + " does not exist");
    }
    return ce;
  }

  JobQueue queue(String nameOrArn) {
    JobQueue queue = queues.get(nameFromArn(nameOrArn, ":job-queue/"));
    if (queue == null) {
      throw ApiException.client("job queue " + nameOrArn + " does not exist");
    }
    return queue;
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

  /**
   * What a Describe* call lists: every resource when {@code names} is empty, else the named ones
   * that exist (Describe calls leave out names that do not exist, as AWS does), at most 100 names.
   */
  static <T> List<T> describe(String field, List<String> names, java.util.Collection<T> all,
      java.util.function.Function<String, T> lookup) {
    if (names.size() > 100) {
      throw ApiException.client(field + " accepts at most 100 names or ARNs, got " + names.size());
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
  Map<String, String> tagsOf(String arn, Scheduler scheduler) {
    if (arn.contains(":compute-environment/")) {
      return environment(arn).tags;
    }
    if (arn.contains(":job-queue/")) {
      return queue(arn).tags;
    }
    if (arn.contains(":job-definition/")) {
      return definition(arn).tags;
    }
    if (arn.contains(":job/")) {
      Job job = scheduler.jobsById.get(arn.substring(arn.indexOf(":job/") + 5));
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
