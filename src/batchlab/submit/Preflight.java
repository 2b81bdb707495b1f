package batchlab.submit;

import batchlab.analysis.Prediction;
import batchlab.aws.ComputeEnvironmentInfo;
import batchlab.aws.QueueCapacity;
import batchlab.aws.Retry;
import batchlab.aws.SubmitException;
import batchlab.batch.AllocationStrategy;
import batchlab.batch.InstanceType;
import batchlab.batch.InstanceTypeCatalog;
import batchlab.batch.Misconfiguration;
import batchlab.run.JobShape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * Checks before submitting: the queue is VALID and ENABLED and the job definition ACTIVE (errors),
 * and a job fits the compute environment (warnings: jobs that never fit sit RUNNABLE forever, as the
 * User Guide's "Jobs stuck in a RUNNABLE status" describes).
 */
public final class Preflight {

  /** What the checks found; {@code prediction} is null when it cannot be computed. */
  public record Result(QueueCapacity queue, JobDefinitionInfo definition, JobShape shape, Prediction prediction,
      List<String> warnings) {
    public Result {
      warnings = List.copyOf(warnings);
    }
  }

  private Preflight() {}

  public static Result check(BatchClient batch, String jobQueue, String jobDefinition, Map<String, String> parameters,
      int jobs, Retry retry) {
    return check(batch, QueueCapacity.describe(batch, jobQueue, retry), jobDefinition, parameters, jobs, retry);
  }

  /** The same for a queue already described. */
  public static Result check(BatchClient batch, QueueCapacity queue, String jobDefinition,
      Map<String, String> parameters, int jobs, Retry retry) {
    requireUsable(queue);
    JobDefinitionInfo definition = JobDefinitionInfo.describe(batch, jobDefinition, retry);
    JobShape shape = definition.shape(parameters);
    Prediction prediction = Prediction.of(jobs, shape, queue.maxVcpus(), queue.knownInstanceTypes());
    return new Result(queue, definition, shape, prediction, warnings(queue, shape, prediction));
  }

  /**
   * A share identifier goes with a fair-share queue only: SubmitJob refuses it on a FIFO queue and
   * requires it on a fair-share one (API Reference: SubmitJob shareIdentifier). Checked before anything
   * is sent, so that no run is left half submitted.
   *
   * @param share the jobs' share identifier, null for none
   */
  public static void requireShareFits(QueueCapacity queue, String label, String share) {
    String name = label.equals(queue.queueName()) ? label : label + " (" + queue.queueName() + ")";
    if (share != null && !queue.fairShare()) {
      throw new SubmitException("job queue " + name + " is FIFO (no scheduling policy) and refuses share identifier "
          + share + ": leave out the share, or submit to a queue with a fair-share policy");
    }
    if (share == null && queue.fairShare()) {
      throw new SubmitException("job queue " + name + " has the fair-share policy " + queue.schedulingPolicyArn()
          + ": every job needs a share identifier; pass --share-identifier ID or name the shares in --mix");
    }
  }

  /** The queue is ENABLED and VALID, or the submit fails saying how to fix it. */
  public static void requireUsable(QueueCapacity queue) {
    if (!queue.usable()) {
      throw new SubmitException("job queue " + queue.queueName() + " is " + queue.state() + " / " + queue.status()
          + ", not ENABLED / VALID: jobs would never be scheduled"
          + ("DISABLED".equals(queue.state())
              ? "; enable it with: aws batch update-job-queue --job-queue " + queue.queueName() + " --state ENABLED"
              : "; check it with: aws batch describe-job-queues --job-queues " + queue.queueName()));
    }
  }

  static List<String> warnings(QueueCapacity queue, JobShape shape, Prediction prediction) {
    List<String> warnings = new ArrayList<>();
    for (ComputeEnvironmentInfo environment : queue.environments()) {
      if (!environment.usable()) {
        warnings.add("compute environment " + environment.name() + " is " + environment.state() + " / "
            + environment.status() + ": its jobs wait RUNNABLE until it is ENABLED and VALID");
      }
    }
    if (shape == null) {
      warnings.add("cannot check that a job fits: the job definition does not state its vCPUs and memory");
      return warnings;
    }
    List<InstanceType> known = queue.knownInstanceTypes();
    if (known.isEmpty()) {
      if (!queue.instanceTypeNames().isEmpty()) {
        warnings.add("cannot check that a job fits: instance types " + String.join(", ", queue.instanceTypeNames())
            + " are not in the catalogue");
      }
      return warnings;
    }
    List<Misconfiguration.Environment> enabled = enabledEnvironments(queue);
    Misconfiguration.of(shape.vcpus(), shape.memoryMiB(), enabled)
        .ifPresentOrElse(reason -> warnings.add(whyNothingFits(shape, enabled, known, reason)
                + ": jobs would sit RUNNABLE forever"),
            () -> {
              if (prediction != null && !prediction.runnable()) {
                warnings.add(onlyByOvershoot(shape, queue.maxVcpus(), known));
              }
            });
    return warnings;
  }

  /** The queue's ENABLED EC2/SPOT environments as the rule sees them (types outside the catalogue left out). */
  private static List<Misconfiguration.Environment> enabledEnvironments(QueueCapacity queue) {
    return queue.environments().stream()
        .filter(e -> e.ec2() && "ENABLED".equals(e.state()))
        .map(e -> new Misconfiguration.Environment(e.maxVcpus() == null ? 0 : e.maxVcpus(),
            InstanceTypeCatalog.resolve(e.instanceTypes()),
            AllocationStrategy.parse(e.allocationStrategy()).orElse(AllocationStrategy.BEST_FIT),
            "SPOT".equals(e.resourceType())))
        .toList();
  }

  /** Says why, in the terms of the reason {@link Misconfiguration} chose. */
  private static String whyNothingFits(JobShape shape, List<Misconfiguration.Environment> enabled,
      List<InstanceType> known, Misconfiguration reason) {
    String job = "a job needs " + shape.vcpus() + " vCPU / " + shape.memoryMiB() + " MiB";
    int largestMax = enabled.stream().mapToInt(Misconfiguration.Environment::maxvCpus).max().orElse(0);
    String why;
    if (reason == Misconfiguration.JOB_RESOURCE_REQUIREMENT) {
      String offered = known.stream().limit(4)
          .map(t -> t.name() + ": " + t.vcpus() + " vCPU, " + t.usableMemoryMiB() + " MiB usable")
          .collect(Collectors.joining("; "));
      why = " but no allowed instance type can hold it (" + offered + (known.size() > 4 ? "; ..." : "") + ")";
    } else if (shape.vcpus() > largestMax) {
      why = " but the compute environment's maxvCpus is " + largestMax;
    } else {
      why = " and the smallest allowed type that holds it, " + smallest(shape, known) + ", is larger than maxvCpus "
          + largestMax;
    }
    return job + why + " (" + reason.reason() + ")";
  }

  /** The job runs only because the strategy may go one instance over maxvCpus; the prediction cannot count on it. */
  private static String onlyByOvershoot(JobShape shape, int maxVcpus, List<InstanceType> known) {
    return "a job needs " + shape.vcpus() + " vCPU / " + shape.memoryMiB() + " MiB and the smallest allowed type that "
        + "holds it, " + smallest(shape, known) + ", is larger than maxvCpus " + maxVcpus
        + ": jobs run only on the one instance the allocation strategy may launch beyond maxvCpus";
  }

  private static String smallest(JobShape shape, List<InstanceType> known) {
    InstanceType smallest = known.stream().filter(t -> t.canHold(shape.vcpus(), shape.memoryMiB()))
        .min(Comparator.comparingInt(InstanceType::vcpus)).orElseThrow();
    return smallest.name() + " (" + smallest.vcpus() + " vCPU)";
  }
}
