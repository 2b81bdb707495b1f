package batchlab.infra;

import batchlab.batch.LabContract;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The batch-lab stack: network, compute environment, job queue and job definition, with every name
 * a user or the submitter needs exported as an output. Nothing here depends on maxVcpus except the
 * environment's MaxvCpus, so changing it is an in-place scaling update.
 */
public final class BatchLabStack extends Stack {

  private final LabNetwork network;
  private final LabComputeEnvironment computeEnvironment;
  private final LabJobQueue jobQueue;
  private final Map<String, LabJobQueue> extraQueues = new LinkedHashMap<>();
  private final Optional<LabFairSharePolicy> fairSharePolicy;
  private final LabJobDefinition jobDefinition;

  public BatchLabStack(Construct scope, StackSettings settings, Path jobImageDirectory, StackProps props) {
    super(scope, settings.stackName(), StackProps.builder()
        .stackName(settings.stackName())
        .env(props.getEnv())
        .description("batch-lab: AWS Batch spot compute environment, job queue and job definition"
            + " for the vCPU exhaustion experiment")
        .build());
    network = new LabNetwork(this, "Network", LabNetwork.Props.builder()
        .existingVpcId(settings.vpcId().orElse(null))
        .build());
    computeEnvironment = new LabComputeEnvironment(this, "ComputeEnvironment",
        LabComputeEnvironment.Props.builder()
            .network(network)
            .spot(settings.spot())
            .minVcpus(settings.minVcpus())
            .maxVcpus(settings.maxVcpus())
            .desiredVcpus(settings.desiredVcpus())
            .instanceTypes(settings.instanceTypes())
            .allocationStrategy(settings.allocationStrategy())
            .terminateJobsOnUpdate(settings.terminateJobsOnUpdate())
            .updateTimeoutMinutes(settings.updateTimeoutMinutes())
            .build());
    // One policy on every queue: each queue applies it to its own jobs, and a queue created FIFO can
    // never get a policy later (CreateJobQueue schedulingPolicyArn), so none is left out.
    fairSharePolicy = settings.fairShare().map(fairShare -> new LabFairSharePolicy(this, "FairSharePolicy", fairShare));
    jobQueue = new LabJobQueue(this, "JobQueue", queueProps(settings, LabJobQueue.DEFAULT_PRIORITY));
    for (ExtraQueue extra : settings.extraQueues()) {
      // "Queue" + name, never "JobQueue" + name: that could equal an output id (queue "high" has JobQueuehighName).
      extraQueues.put(extra.name(), new LabJobQueue(this, "Queue" + extra.name(), queueProps(settings, extra.priority())));
    }
    jobDefinition = new LabJobDefinition(this, "JobDefinition", LabJobDefinition.Props.builder()
        .name(settings.jobDefinitionName())
        .imageDirectory(jobImageDirectory)
        .vcpus(settings.jobVcpus())
        .memoryMiB(settings.jobMemoryMiB())
        .timeoutSeconds(settings.jobTimeoutSeconds())
        .logRetentionDays(settings.logRetentionDays())
        .schedulingPriority(settings.schedulingPriority().isPresent() ? settings.schedulingPriority().getAsInt() : null)
        .build());
    if (!settings.unknownInstanceTypes().isEmpty()) {
      Annotations.of(this).addWarningV2("batch-lab:unknownInstanceType", "instance types "
          + String.join(",", settings.unknownInstanceTypes())
          + " are not in batch-lab's catalogue: the check that a job fits an instance was skipped");
    }
    addOutputs(settings.jobDefinitionName());
  }

  private LabJobQueue.Props queueProps(StackSettings settings, int priority) {
    return LabJobQueue.Props.builder()
        .computeEnvironment(computeEnvironment.computeEnvironment())
        .runnableTimeoutSeconds(settings.runnableTimeoutSeconds())
        .priority(priority)
        .schedulingPolicy(fairSharePolicy.map(LabFairSharePolicy::policy).orElse(null))
        .build();
  }

  private void addOutputs(String jobDefinitionName) {
    // Batch's Ref is the ARN; the name is its last path segment (CloudFormation has no Name attribute).
    String queueArn = jobQueue.queue().getJobQueueArn();
    String environmentArn = computeEnvironment.computeEnvironment().getComputeEnvironmentArn();
    output(LabContract.OUTPUT_JOB_QUEUE_NAME, nameFromArn(queueArn), "Job queue to submit to");
    output(LabContract.OUTPUT_JOB_QUEUE_ARN, queueArn, "Job queue ARN");
    extraQueues.forEach((name, queue) -> {
      String arn = queue.queue().getJobQueueArn();
      output(LabContract.jobQueueNameOutput(name), nameFromArn(arn), "Job queue " + name + " to submit to");
      output(LabContract.jobQueueArnOutput(name), arn, "Job queue " + name + " ARN");
    });
    // The name is fixed (revisions make that safe), so the output is a plain string.
    output(LabContract.OUTPUT_JOB_DEFINITION_NAME, jobDefinitionName, "Job definition name (latest active revision)");
    output(LabContract.OUTPUT_JOB_DEFINITION_ARN, jobDefinition.jobDefinition().getJobDefinitionArn(),
        "Job definition ARN (this revision)");
    output(LabContract.OUTPUT_COMPUTE_ENVIRONMENT_NAME, nameFromArn(environmentArn), "Compute environment name");
    output(LabContract.OUTPUT_COMPUTE_ENVIRONMENT_ARN, environmentArn, "Compute environment ARN");
    output(LabContract.OUTPUT_LOG_GROUP_NAME, jobDefinition.logGroup().getLogGroupName(), "CloudWatch Logs group of the jobs");
    output(LabContract.OUTPUT_REGION, Aws.REGION, "Region of the stack");
  }

  private static String nameFromArn(String arn) {
    return Fn.select(1, Fn.split("/", arn));
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public LabNetwork network() {
    return network;
  }

  public LabComputeEnvironment computeEnvironment() {
    return computeEnvironment;
  }

  public LabJobQueue jobQueue() {
    return jobQueue;
  }

  /** The extra queues of {@code -c queues}, by name, in the order given. */
  public Map<String, LabJobQueue> extraQueues() {
    return java.util.Collections.unmodifiableMap(extraQueues);
  }

  public Optional<LabFairSharePolicy> fairSharePolicy() {
    return fairSharePolicy;
  }

  public LabJobDefinition jobDefinition() {
    return jobDefinition;
  }
}
