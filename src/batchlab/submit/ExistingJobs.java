package batchlab.submit;

import batchlab.aws.Pages;
import batchlab.aws.Retry;
import batchlab.batch.BatchLimits;
import batchlab.run.RunRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;
import software.amazon.awssdk.services.batch.model.ListJobsResponse;

/**
 * Finds a run's jobs on the server by name (ListJobs with the JOB_NAME filter), the only way to
 * tell whether a SubmitJob that failed ambiguously did create its job: SubmitJob takes no
 * idempotency token. A job counts as the run's when its name matches exactly (the filter ignores
 * case) and it was created after the run began, less a clock-skew margin ({@link RunRecord#createdSince}),
 * so a same-named job of an older run is not taken for it.
 */
public final class ExistingJobs {

  private static final Comparator<JobSummary> BY_CREATION =
      Comparator.comparing(JobSummary::createdAt, Comparator.nullsLast(Comparator.naturalOrder()));

  private final BatchClient batch;
  private final RunRecord run;
  private final Retry retry;

  ExistingJobs(BatchClient batch, RunRecord run, Retry retry) {
    this.batch = batch;
    this.run = run;
    this.retry = retry;
  }

  /** The id of the run's job named {@code name}, if the server has one not in {@code taken}. */
  Optional<String> find(String name, Predicate<String> taken) {
    return matching(name).stream()
        .filter(j -> j.jobName().equals(name) && !taken.test(j.jobId()))
        .min(BY_CREATION)
        .map(JobSummary::jobId);
  }

  /** Every job of the run the server has, by name (the earliest when a name was submitted twice). */
  Map<String, String> all() {
    String filter = run.array() ? run.namePrefix() : run.namePrefix() + "-*";
    Map<String, String> byName = new LinkedHashMap<>();
    matching(filter).stream()
        .sorted(BY_CREATION)
        .forEach(j -> byName.putIfAbsent(j.jobName(), j.jobId()));
    return byName;
  }

  private List<JobSummary> matching(String nameFilter) {
    return run.queues().stream().flatMap(queue -> named(batch, queue, nameFilter, retry).stream())
        .filter(j -> run.createdSince(j.createdAt() == null ? null : Instant.ofEpochMilli(j.createdAt())))
        .toList();
  }

  /** Every job in {@code queue} whose name matches {@code nameFilter} (ListJobs JOB_NAME: any case, trailing *). */
  public static List<JobSummary> named(BatchClient batch, String queue, String nameFilter, Retry retry) {
    return Pages.all(
        token -> retry.call("batch:ListJobs", () -> batch.listJobs(r -> r
            .jobQueue(queue)
            .filters(KeyValuesPair.builder().name("JOB_NAME").values(nameFilter).build())
            .maxResults(BatchLimits.LIST_RESULTS_MAX)
            .nextToken(token))),
        ListJobsResponse::jobSummaryList, ListJobsResponse::nextToken);
  }
}
