package batchlab.experiment;

import batchlab.aws.AwsClients;
import batchlab.aws.Backoff;
import batchlab.aws.Retry;
import batchlab.aws.StackOutputs;
import batchlab.aws.StopSignal;
import batchlab.batch.LabContract;
import batchlab.infra.ContextKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.batch.model.SchedulingPolicyDetail;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * What both targets do after asking for a stack update (UpdateStack on the emulator, {@code npx cdk
 * deploy} on AWS): wait until the stack is no longer *_IN_PROGRESS, fail on a rollback with the reason
 * CloudFormation gave, check the compute environment really has the new maxvCpus (and the queue's
 * scheduling policy the new computeReservation, when the update set one), and collect the update's
 * events for the report.
 */
final class StackUpdateCheck {

  private StackUpdateCheck() {}

  /**
   * @param extraContext context keys the update set besides maxVcpus (a scenario's second phase; empty for
   *     a swap); of those, computeReservation is checked on the default queue's scheduling policy (the
   *     stack attaches its one policy to every queue)
   * @param since the operation's start on the server's clock: only stack events from then on are its own
   * @param poll wall time between two DescribeStacks
   * @param limit wall time to wait at most
   */
  static Swap await(AwsClients clients, String stackName, int maxVcpus, Map<String, String> extraContext,
      String method, Instant since, Duration poll, Duration limit, StopSignal stop) throws InterruptedException {
    Retry retry = new Retry(Backoff.DEFAULT, stop, clients.describeTarget());
    long deadline = System.nanoTime() + limit.toNanos();
    Stack stack;
    while (true) {
      stack = retry.call("cloudformation:DescribeStacks",
          () -> clients.cloudFormation().describeStacks(r -> r.stackName(stackName))).stacks().get(0);
      if (!stack.stackStatusAsString().endsWith("_IN_PROGRESS")) {
        break;
      }
      if (System.nanoTime() >= deadline) {
        throw new ExperimentException("stack " + stackName + " still " + stack.stackStatusAsString() + " after "
            + limit.toSeconds() + " s while applying maxVcpus=" + maxVcpus);
      }
      if (!stop.sleep(poll)) {
        throw new InterruptedException("stopped while stack " + stackName + " was updating");
      }
    }
    List<StackEvent> events = operationEvents(clients, stackName, since);
    String status = stack.stackStatusAsString();
    if (status.contains("ROLLBACK") || status.endsWith("FAILED")) {
      String reason = events.stream().filter(e -> e.resourceStatusAsString().endsWith("_FAILED"))
          .map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason()).findFirst()
          .orElse(String.valueOf(stack.stackStatusReason()));
      throw new ExperimentException("applying maxVcpus=" + maxVcpus + " to stack " + stackName + " ended "
          + status + ": " + reason);
    }
    StackOutputs outputs = StackOutputs.describe(clients, stackName, retry);
    String environment = outputs.output(LabContract.OUTPUT_COMPUTE_ENVIRONMENT_ARN)
        .orElseThrow(() -> new ExperimentException("stack " + stackName + " has no "
            + LabContract.OUTPUT_COMPUTE_ENVIRONMENT_ARN + " output"));
    List<ComputeEnvironmentDetail> found = retry.call("batch:DescribeComputeEnvironments",
        () -> clients.batch().describeComputeEnvironments(r -> r.computeEnvironments(environment)))
        .computeEnvironments();
    Integer actual = found.isEmpty() || found.get(0).computeResources() == null ? null
        : found.get(0).computeResources().maxvCpus();
    if (actual == null || actual != maxVcpus) {
      throw new ExperimentException("after the update of stack " + stackName + " compute environment " + environment
          + " has maxvCpus " + actual + ", not " + maxVcpus);
    }
    String reservation = extraContext.get(ContextKey.COMPUTE_RESERVATION.key());
    if (reservation != null) {
      checkComputeReservation(clients, outputs, Integer.parseInt(reservation), retry);
    }
    return new Swap(method, lines(events));
  }

  /**
   * A deploy can succeed without changing the policy (the key not reaching the app); the scenario's
   * phase would then run without the reservation it is about, so that fails here, not in its verdict.
   */
  private static void checkComputeReservation(AwsClients clients, StackOutputs outputs, int expected, Retry retry) {
    String queue = outputs.require("job queue", LabContract.OUTPUT_JOB_QUEUE_ARN);
    String policy = retry.call("batch:DescribeJobQueues",
        () -> clients.batch().describeJobQueues(r -> r.jobQueues(queue))).jobQueues().stream().findFirst()
        .map(JobQueueDetail::schedulingPolicyArn).orElse(null);
    String prefix = "after the update of stack " + outputs.stackName() + " job queue " + queue + " has ";
    if (policy == null) {
      throw new ExperimentException(prefix + "no scheduling policy, not one with computeReservation " + expected);
    }
    // computeReservation is optional in FairsharePolicy; absent is "no vCPU is reserved" (CDK's docs), so 0
    Integer actual = retry.call("batch:DescribeSchedulingPolicies",
        () -> clients.batch().describeSchedulingPolicies(r -> r.arns(policy))).schedulingPolicies().stream()
        .findFirst().map(SchedulingPolicyDetail::fairsharePolicy)
        .map(f -> f.computeReservation() == null ? 0 : f.computeReservation()).orElse(null);
    if (actual == null || actual != expected) {
      throw new ExperimentException(prefix + "scheduling policy " + policy + " with computeReservation " + actual
          + ", not " + expected);
    }
  }

  /** The events of the latest stack operation that began at or after {@code since}, oldest first. */
  private static List<StackEvent> operationEvents(AwsClients clients, String stackName, Instant since) {
    List<StackEvent> newestFirst = new ArrayList<>();
    for (var page : clients.cloudFormation().describeStackEventsPaginator(r -> r.stackName(stackName))) {
      boolean begun = false;
      for (StackEvent event : page.stackEvents()) {
        if (event.timestamp().isBefore(since)) {
          begun = true;
          break;
        }
        newestFirst.add(event);
      }
      if (begun) {
        break;
      }
    }
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  private static List<String> lines(List<StackEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    Instant start = events.get(0).timestamp();
    List<String> lines = new ArrayList<>();
    for (StackEvent e : events) {
      long seconds = Duration.between(start, e.timestamp()).toSeconds();
      lines.add("+" + seconds + " s  " + e.logicalResourceId() + "  " + e.resourceStatusAsString()
          + (e.resourceStatusReason() == null ? "" : "  " + e.resourceStatusReason()));
    }
    return lines;
  }
}
