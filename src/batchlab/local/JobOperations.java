package batchlab.local;

import batchlab.batch.BatchLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

/** SubmitJob, DescribeJobs, ListJobs, CancelJob and TerminateJob (API Reference). */
final class JobOperations {

  private final Registry registry;
  private final Scheduler scheduler;
  private final Ids ids;
  private final JobViews views;
  private final WorkloadModel workload;
  private long jobSeq;

  /** AWS's answers to a SubmitJob without them on a fair-share queue, as AWS words them. */
  static final String SHARE_REQUIRED = "shareIdentifier must be specified.";
  static final String PRIORITY_REQUIRED =
      "Either schedulingPriority in job definition or schedulingPriorityOverride should be specified.";

  JobOperations(Registry registry, Scheduler scheduler, Ids ids, JobViews views, WorkloadModel workload) {
    this.registry = registry;
    this.scheduler = scheduler;
    this.ids = ids;
    this.views = views;
    this.workload = workload;
  }

  void register(Map<String, Operation> ops) {
    ops.put("submitjob", request -> submit(SubmitJobRequest.parse(request)));
    ops.put("describejobs", this::describe);
    ops.put("listjobs", request -> list(ListJobsRequest.parse(request)));
    ops.put("canceljob", this::cancel);
    ops.put("terminatejob", this::terminate);
  }

  // ---------------------------------------------------------------- SubmitJob

  private JsonNode submit(SubmitJobRequest request) {
    JobQueue queue = registry.queue(request.jobQueue());
    if (!queue.enabled()) {
      throw ApiException.client("job queue " + queue.name + " is DISABLED and cannot accept new jobs");
    }
    JobDefinition definition = registry.definition(request.jobDefinition());
    checkShare(queue, definition, request);
    checkDependencies(request);
    JobSpec spec = spec(request, definition);
    long now = scheduler.now();
    String name = request.jobName();
    Job job = new Job(jobSeq++, ids.uuid(), name, queue, spec, now, null, -1);
    int arraySize = request.arraySize();
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
    wireDependencies(job, request.dependsOn());
    scheduler.submit(job);

    ObjectNode response = Json.object();
    response.put("jobArn", registry.arns.job(job.id));
    response.put("jobName", name);
    response.put("jobId", job.id);
    return response;
  }

  /** The definition merged with the call's overrides, and how the workload model says it runs. */
  private JobSpec spec(SubmitJobRequest request, JobDefinition definition) {
    Map<String, String> parameters = definition.parameters;
    if (!request.parameters().isEmpty()) {
      parameters = new LinkedHashMap<>(definition.parameters);
      parameters.putAll(request.parameters());
    }
    ObjectNode overrides = request.containerOverrides();
    Resources resources = overrides == null ? definition.resources : request.overrideResources().over(definition.resources);
    RetryStrategy retry = request.retryStrategy() != null ? request.retryStrategy() : definition.retryStrategy;
    Integer timeout = request.attemptDurationSeconds() != null ? request.attemptDurationSeconds()
        : definition.attemptDurationSeconds;
    boolean propagateTags = request.propagateTags() != null ? request.propagateTags() : definition.propagateTags;
    WorkloadModel.Run run = workload.run(new WorkloadModel.Submission(request.jobName(), definition.name, parameters,
        command(definition, overrides, parameters)));
    return new JobSpec(definition, parameters, overrides, resources, retry, timeout, request.tags(), propagateTags,
        run.duration().toMillis(), run.failure(), run.failureExitCode(), run.exitOnSigterm(), request.dependsOn(),
        request.shareIdentifier(),
        request.schedulingPriorityOverride() != null ? request.schedulingPriorityOverride() : definition.schedulingPriority);
  }

  /**
   * API Reference, SubmitJob shareIdentifier: required on a queue with a fair-share scheduling policy,
   * not allowed on one without; a fair-share job needs a schedulingPriority from its definition or
   * the override; a queue takes at most 500 active share identifiers.
   */
  private void checkShare(JobQueue queue, JobDefinition definition, SubmitJobRequest request) {
    String share = request.shareIdentifier();
    if (!queue.fairShare()) {
      if (share != null) {
        throw ApiException.client("shareIdentifier can only be specified for a job queue with a fair-share "
            + "scheduling policy; job queue " + queue.name + " has none");
      }
      return;
    }
    if (share == null) {
      throw ApiException.client(SHARE_REQUIRED);
    }
    if (request.schedulingPriorityOverride() == null && definition.schedulingPriority == null) {
      throw ApiException.client(PRIORITY_REQUIRED);
    }
    ShareUsage.Share known = queue.shares.share(share);
    if (known.unfinishedJobs == 0 && queue.shares.activeShares(scheduler.now(), queue.policy.fairshare.shareDecaySeconds()) >= BatchLimits.SHARES_ACTIVE_PER_QUEUE_MAX) {
      throw ApiException.client("job queue " + queue.name + " already has "
          + BatchLimits.SHARES_ACTIVE_PER_QUEUE_MAX + " active share identifiers; a job of a new one cannot be added");
    }
  }

  /** The command the container would run: the override's, else the definition's, Ref::name substituted. */
  private static List<String> command(JobDefinition definition, ObjectNode overrides, Map<String, String> parameters) {
    JsonNode command = overrides != null && overrides.hasNonNull("command") ? overrides.get("command")
        : definition.containerProperties.get("command");
    List<String> resolved = new ArrayList<>();
    if (command != null && command.isArray()) {
      command.forEach(part -> resolved.add(JobViews.substitute(part.asText(), parameters)));
    }
    return resolved;
  }

  /** The dependsOn jobs must exist, and an N_TO_N one must be an array job of the same size. */
  private void checkDependencies(SubmitJobRequest request) {
    for (JobSpec.Dependency dependency : request.dependsOn()) {
      if ("SEQUENTIAL".equals(dependency.type())) {
        continue;
      }
      String jobId = dependency.jobId();
      Job target = registry.job(jobId);
      if (target == null) {
        throw ApiException.client("dependsOn.jobId " + jobId + " does not exist");
      }
      int arraySize = request.arraySize();
      if ("N_TO_N".equals(dependency.type()) && (!target.isArrayParent() || target.children.length != arraySize)) {
        throw ApiException.client("dependsOn type N_TO_N needs an array job of the same size (" + arraySize
            + ") as jobId, but " + jobId + " is not");
      }
    }
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
            dependOn(child, registry.job(dependency.jobId()).children[i]);
          } else {
            dependOn(child, registry.job(dependency.jobId()));
          }
        }
      } else {
        dependOn(job, registry.job(dependency.jobId()));
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
    job.unfinishedDependencies++;
    target.addDependent(job);
  }

  // ---------------------------------------------------------------- DescribeJobs

  private JsonNode describe(JsonNode request) {
    if (!request.hasNonNull("jobs")) {
      throw ApiException.client("jobs is required: a list of 1 to " + BatchLimits.DESCRIBE_JOBS_IDS + " job ids");
    }
    List<String> ids = Json.stringList(request, "jobs");
    if (ids.size() > BatchLimits.DESCRIBE_JOBS_IDS) {
      throw ApiException.client("jobs accepts at most " + BatchLimits.DESCRIBE_JOBS_IDS + " job ids per call, got "
          + ids.size());
    }
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("jobs");
    for (String id : ids) {
      // Unknown ids are left out of the answer, as AWS does.
      Job job = registry.jobByIdOrArn(id);
      if (job != null) {
        list.add(views.detail(job));
      }
    }
    return response;
  }

  // ---------------------------------------------------------------- ListJobs

  /** ListJobs: in submission order for one status, newest first with a filter. */
  private JsonNode list(ListJobsRequest request) {
    JobStatus status = request.status();
    Predicate<Job> filter = request.filter();
    Long after = request.afterSeq();
    Iterator<Job> candidates;
    if (request.jobQueue() != null) {
      JobQueue queue = registry.queue(request.jobQueue());
      NavigableMap<Long, Job> source = status != null ? queue.byStatus.get(status) : queue.all.descendingMap();
      if (after != null) {
        source = source.tailMap(after, false);
      }
      candidates = source.values().iterator();
    } else {
      Job parent = registry.job(request.arrayJobId());
      if (parent == null || !parent.isArrayParent()) {
        throw ApiException.client("arrayJobId " + request.arrayJobId() + " is not an array job");
      }
      // Children in index order; no filter applies to them (ListJobsRequest).
      candidates = Arrays.stream(parent.children).filter(c -> after == null || c.seq > after).iterator();
    }
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("jobSummaryList");
    Job last = null;
    while (candidates.hasNext()) {
      Job job = candidates.next();
      if ((status != null && job.status != status) || (filter != null && !filter.test(job))) {
        continue;
      }
      if (list.size() == request.limit()) {
        response.put("nextToken", ListJobsRequest.token(last));
        break;
      }
      list.add(views.summary(job));
      last = job;
    }
    return response;
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
    Job job = registry.job(id);
    if (job == null) {
      throw ApiException.client("Job " + id + " does not exist");
    }
    return job;
  }
}
