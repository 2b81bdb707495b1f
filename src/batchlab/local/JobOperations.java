package batchlab.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

/** SubmitJob, DescribeJobs, ListJobs, CancelJob and TerminateJob (API Reference). */
final class JobOperations {

  /** User Guide, "AWS Batch service quotas". */
  static final int MAX_ARRAY_SIZE = 10_000;
  static final int MAX_DEPENDENCIES = 20;
  static final int MAX_DESCRIBE_JOBS = 100;
  static final int MAX_LIST_RESULTS = 100;

  private final Registry registry;
  private final Scheduler scheduler;
  private final Ids ids;
  private final JobViews views;
  private final Duration defaultJobDuration;
  private long jobSeq;

  JobOperations(Registry registry, Scheduler scheduler, Ids ids, JobViews views, Duration defaultJobDuration) {
    this.registry = registry;
    this.scheduler = scheduler;
    this.ids = ids;
    this.views = views;
    this.defaultJobDuration = defaultJobDuration;
  }

  void register(Map<String, Operation> ops) {
    ops.put("submitjob", this::submit);
    ops.put("describejobs", this::describe);
    ops.put("listjobs", this::list);
    ops.put("canceljob", this::cancel);
    ops.put("terminatejob", this::terminate);
  }

  // ---------------------------------------------------------------- SubmitJob

  private JsonNode submit(JsonNode request) {
    String name = Json.requiredName(request, "jobName");
    JobQueue queue = registry.queue(Json.requiredString(request, "jobQueue"));
    if (!queue.enabled()) {
      throw ApiException.client("job queue " + queue.name + " is DISABLED and cannot accept new jobs");
    }
    JobDefinition definition = registry.definition(Json.requiredString(request, "jobDefinition"));
    int arraySize = arraySize(request);
    List<JobSpec.Dependency> dependsOn = dependencies(request, arraySize);

    Map<String, String> parameters = definition.parameters;
    Map<String, String> submitted = Json.stringMap(request, "parameters");
    if (!submitted.isEmpty()) {
      parameters = new LinkedHashMap<>(definition.parameters);
      parameters.putAll(submitted);
    }
    ObjectNode overrides = Json.optionalObject(request, "containerOverrides");
    Resources resources = definition.resources;
    if (overrides != null) {
      resources = ResourceRequirements.of(overrides, definition.resources, "containerOverrides");
      if (overrides.has("command")) {
        Json.stringList(overrides, "command");
      }
    }
    RetryStrategy retry = request.hasNonNull("retryStrategy")
        ? RetryStrategy.parse(request.get("retryStrategy")) : definition.retryStrategy;
    Integer timeout = definition.attemptDurationSeconds;
    ObjectNode timeoutNode = Json.optionalObject(request, "timeout");
    if (timeoutNode != null && timeoutNode.hasNonNull("attemptDurationSeconds")) {
      timeout = Json.optionalInt(timeoutNode, "attemptDurationSeconds", 60, Integer.MAX_VALUE);
    }
    Map<String, String> tags = Json.stringMap(request, "tags");
    boolean propagateTags = request.has("propagateTags")
        ? request.path("propagateTags").asBoolean() : definition.propagateTags;
    String secondsText = parameters.get("seconds");
    long runMillis = defaultJobDuration.toMillis();
    String runFailure = null;
    if (secondsText != null) {
      try {
        double seconds = Double.parseDouble(secondsText.trim());
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
          throw new NumberFormatException();
        }
        runMillis = Math.round(seconds * 1000);
      } catch (NumberFormatException e) {
        // The job script would reject the argument and exit 1: model the container failing.
        runFailure = "sleep_example.py: seconds must be a non-negative number, got '" + secondsText + "'";
        runMillis = 0;
      }
    }
    JobSpec spec = new JobSpec(definition, parameters, overrides == null ? null : overrides.deepCopy(), resources,
        retry, timeout, tags, propagateTags, runMillis, runFailure, dependsOn, arraySize);

    long now = scheduler.now();
    Job job = new Job(jobSeq++, ids.uuid(), name, queue, spec, now, null, -1);
    if (arraySize > 0) {
      job.children = new Job[arraySize];
      job.childCounts = new EnumMap<>(JobStatus.class);
      for (JobStatus status : JobStatus.values()) {
        job.childCounts.put(status, 0);
      }
      for (int i = 0; i < arraySize; i++) {
        job.children[i] = new Job(jobSeq++, job.id + ":" + i, name, queue, spec, now, job, i);
      }
    }
    wireDependencies(job, dependsOn);
    scheduler.submit(job);

    ObjectNode response = Json.object();
    response.put("jobArn", registry.arns.job(job.id));
    response.put("jobName", name);
    response.put("jobId", job.id);
    return response;
  }

  private static int arraySize(JsonNode request) {
    ObjectNode array = Json.optionalObject(request, "arrayProperties");
    if (array == null || !array.hasNonNull("size")) {
      return 0;
    }
    Integer size = Json.optionalInt(array, "size", Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (size < 2 || size > MAX_ARRAY_SIZE) {
      throw ApiException.client("arrayProperties.size must be between 2 and " + MAX_ARRAY_SIZE + ", got " + size);
    }
    return size;
  }

  private List<JobSpec.Dependency> dependencies(JsonNode request, int arraySize) {
    JsonNode list = request.get("dependsOn");
    List<JobSpec.Dependency> dependencies = new ArrayList<>();
    if (list == null || list.isNull()) {
      return dependencies;
    }
    if (!list.isArray()) {
      throw ApiException.client("dependsOn must be a list of {jobId, type}");
    }
    if (list.size() > MAX_DEPENDENCIES) {
      throw ApiException.client("dependsOn may list at most " + MAX_DEPENDENCIES + " jobs, got " + list.size());
    }
    for (JsonNode item : list) {
      String jobId = Json.optionalString(item, "jobId");
      String type = Json.enumValue(item, "type", null, "N_TO_N", "SEQUENTIAL");
      if (type != null && arraySize == 0) {
        throw ApiException.client("dependsOn type " + type + " is only valid for array jobs");
      }
      if ("SEQUENTIAL".equals(type)) {
        if (jobId != null) {
          throw ApiException.client("dependsOn type SEQUENTIAL takes no jobId: it orders the job's own children");
        }
      } else {
        if (jobId == null) {
          throw ApiException.client("dependsOn.jobId is required");
        }
        Job target = scheduler.jobsById.get(jobId);
        if (target == null) {
          throw ApiException.client("dependsOn.jobId " + jobId + " does not exist");
        }
        if ("N_TO_N".equals(type) && (!target.isArrayParent() || target.children.length != arraySize)) {
          throw ApiException.client("dependsOn type N_TO_N needs an array job of the same size (" + arraySize
              + ") as jobId, but " + jobId + " is not");
        }
      }
      dependencies.add(new JobSpec.Dependency(jobId, type));
    }
    return dependencies;
  }

  /** Array jobs carry dependencies on their children, so each child waits only for what it needs. */
  private void wireDependencies(Job job, List<JobSpec.Dependency> dependsOn) {
    for (JobSpec.Dependency dependency : dependsOn) {
      if (job.isArrayParent()) {
        for (int i = 0; i < job.children.length; i++) {
          Job child = job.children[i];
          if ("SEQUENTIAL".equals(dependency.type())) {
            if (i > 0) {
              dependOn(child, job.children[i - 1]);
            }
          } else if ("N_TO_N".equals(dependency.type())) {
            dependOn(child, scheduler.jobsById.get(dependency.jobId()).children[i]);
          } else {
            dependOn(child, scheduler.jobsById.get(dependency.jobId()));
          }
        }
      } else {
        dependOn(job, scheduler.jobsById.get(dependency.jobId()));
      }
    }
  }

  private static void dependOn(Job job, Job target) {
    if (target.status == JobStatus.SUCCEEDED) {
      return;
    }
    if (target.status == JobStatus.FAILED) {
      job.dependencyFailed = true;
      return;
    }
    job.unmetDependencies++;
    target.addDependent(job);
  }

  // ---------------------------------------------------------------- DescribeJobs

  private JsonNode describe(JsonNode request) {
    if (!request.hasNonNull("jobs")) {
      throw ApiException.client("jobs is required: a list of 1 to " + MAX_DESCRIBE_JOBS + " job ids");
    }
    List<String> ids = Json.stringList(request, "jobs");
    if (ids.size() > MAX_DESCRIBE_JOBS) {
      throw ApiException.client("jobs accepts at most " + MAX_DESCRIBE_JOBS + " job ids per call, got " + ids.size());
    }
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("jobs");
    for (String id : ids) {
      // Unknown ids are left out of the answer, as AWS does.
      Job job = scheduler.jobsById.get(id.startsWith("arn:") ? id.substring(id.indexOf(":job/") + 5) : id);
      if (job != null) {
        list.add(views.detail(job));
      }
    }
    return response;
  }

  // ---------------------------------------------------------------- ListJobs

  /**
   * ListJobs: exactly one of jobQueue / arrayJobId; without a filter, one status (RUNNING when not
   * given) in submission order; with a filter (at most one), every status, newest first.
   */
  private JsonNode list(JsonNode request) {
    String queueName = Json.optionalString(request, "jobQueue");
    String arrayJobId = Json.optionalString(request, "arrayJobId");
    if (request.hasNonNull("multiNodeJobId")) {
      throw ApiException.client("multiNodeJobId is not supported by the emulator (no multi-node jobs)");
    }
    if ((queueName == null) == (arrayJobId == null)) {
      throw ApiException.client("exactly one of jobQueue, arrayJobId or multiNodeJobId must be given");
    }
    Integer maxResults = Json.optionalInt(request, "maxResults", 1, MAX_LIST_RESULTS);
    int limit = maxResults == null ? MAX_LIST_RESULTS : maxResults;
    Predicate<Job> filter = filter(request);
    JobStatus status = filter != null ? null
        : JobStatus.parse(request.hasNonNull("jobStatus") ? Json.optionalString(request, "jobStatus") : "RUNNING");
    String token = Json.optionalString(request, "nextToken");

    Iterator<Job> candidates;
    if (queueName != null) {
      JobQueue queue = registry.queue(queueName);
      NavigableMap<Long, Job> source = status != null ? queue.byStatus.get(status) : queue.all.descendingMap();
      if (token != null) {
        long after = tokenSeq(token);
        source = source.tailMap(after, false);
      }
      candidates = source.values().iterator();
    } else {
      Job parent = scheduler.jobsById.get(arrayJobId);
      if (parent == null || !parent.isArrayParent()) {
        throw ApiException.client("arrayJobId " + arrayJobId + " is not an array job");
      }
      List<Job> children = new ArrayList<>(List.of(parent.children));
      if (filter != null) {
        java.util.Collections.reverse(children);
      }
      long after = token == null ? Long.MIN_VALUE : tokenSeq(token);
      boolean descending = filter != null;
      candidates = children.stream()
          .filter(c -> token == null || (descending ? c.seq < after : c.seq > after))
          .iterator();
    }
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("jobSummaryList");
    Job last = null;
    while (candidates.hasNext()) {
      Job job = candidates.next();
      if ((status != null && job.status != status) || (filter != null && !filter.test(job))) {
        continue;
      }
      if (list.size() == limit) {
        response.put("nextToken", "s" + last.seq);
        break;
      }
      list.add(views.summary(job));
      last = job;
    }
    return response;
  }

  private static long tokenSeq(String token) {
    try {
      if (token.startsWith("s")) {
        return Long.parseLong(token.substring(1));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.client("nextToken '" + token + "' is not valid");
  }

  private Predicate<Job> filter(JsonNode request) {
    JsonNode filters = request.get("filters");
    if (filters == null || filters.isNull() || (filters.isArray() && filters.isEmpty())) {
      return null;
    }
    if (!filters.isArray() || filters.size() > 1) {
      throw ApiException.client("filters accepts at most one filter");
    }
    JsonNode filter = filters.get(0);
    String name = Json.requiredString(filter, "name");
    List<String> values = Json.stringList(filter, "values");
    if (values.size() != 1) {
      throw ApiException.client("filter " + name + " takes exactly one value, got " + values.size());
    }
    String value = values.get(0);
    return switch (name) {
      case "JOB_NAME" -> job -> nameMatches(value, job.name);
      case "JOB_DEFINITION" -> job -> definitionMatches(value, job.spec.definition());
      case "BEFORE_CREATED_AT" -> {
        long limit = epochMillis(name, value);
        yield job -> job.createdAt < limit;
      }
      case "AFTER_CREATED_AT" -> {
        long limit = epochMillis(name, value);
        yield job -> job.createdAt > limit;
      }
      default -> throw ApiException.client("filter name '" + name
          + "' is not valid; allowed: JOB_NAME, JOB_DEFINITION, BEFORE_CREATED_AT, AFTER_CREATED_AT");
    };
  }

  /** JOB_NAME: case-insensitive, a trailing '*' matches any suffix (API Reference, KeyValuesPair). */
  private static boolean nameMatches(String pattern, String name) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String n = name.toLowerCase(Locale.ROOT);
    return p.endsWith("*") ? n.startsWith(p.substring(0, p.length() - 1)) : n.equals(p);
  }

  private static boolean definitionMatches(String value, JobDefinition definition) {
    if (value.endsWith("*")) {
      String prefix = value.substring(0, value.length() - 1);
      return definition.name.startsWith(prefix) || definition.arn.startsWith(prefix);
    }
    return value.equals(definition.name) || value.equals(definition.arn)
        || value.equals(definition.name + ":" + definition.revision);
  }

  private static long epochMillis(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.client("filter " + name + " needs epoch milliseconds, got '" + value + "'");
    }
  }

  // ---------------------------------------------------------------- CancelJob / TerminateJob

  private JsonNode cancel(JsonNode request) {
    Job job = existingJob(Json.requiredString(request, "jobId"));
    scheduler.cancel(job, Json.requiredString(request, "reason"));
    return Json.object();
  }

  private JsonNode terminate(JsonNode request) {
    Job job = existingJob(Json.requiredString(request, "jobId"));
    scheduler.terminate(job, Json.requiredString(request, "reason"));
    return Json.object();
  }

  private Job existingJob(String id) {
    Job job = scheduler.jobsById.get(id);
    if (job == null) {
      throw ApiException.client("Job " + id + " does not exist");
    }
    return job;
  }
}
