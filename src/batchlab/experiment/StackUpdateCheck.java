package batchlab.experiment;

import batchlab.aws.AwsClients;
import batchlab.aws.Backoff;
import batchlab.aws.Retry;
import batchlab.aws.StackOutputs;
import batchlab.aws.StopSignal;
import batchlab.batch.LabContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * What both targets do after asking for a stack update (UpdateStack on the emulator, {@code npx cdk
 * deploy} on AWS): wait until the stack is no longer *_IN_PROGRESS, fail on a rollback with the reason
 * CloudFormation gave, check the compute environment really has the new maxvCpus, and collect the
 * update's events for the report.
 */
final class StackUpdateCheck {

  private StackUpdateCheck() {}

  /**
   * @param since the operation's start on the server's clock: only stack events from then on are its own
   * @param poll wall time between two DescribeStacks
   * @param limit wall time to wait at most
   */
  static Swap await(AwsClients clients, String stackName, int maxVcpus, String method, Instant since, Duration poll,
      Duration limit, StopSignal stop) throws InterruptedException {
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
    String environment = StackOutputs.describe(clients, stackName, retry)
        .output(LabContract.OUTPUT_COMPUTE_ENVIRONMENT_ARN)
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
    return new Swap(method, lines(events));
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
