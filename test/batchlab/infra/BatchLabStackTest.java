package batchlab.infra;

import batchlab.batch.LabContract;
import static org.assertj.core.api.Assertions.assertThat;

import batchlab.batch.LabContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Fine-grained properties of the synthesized template, one behaviour per test. */
class BatchLabStackTest {

  private static final Map<String, String> ARTICLE = Map.of("maxVcpus", "4");

  private static Template article() {
    return TestStacks.template(ARTICLE);
  }

  private static String onlyLogicalId(Template template, String type) {
    Map<String, Map<String, Object>> resources = template.findResources(type);
    assertThat(resources).as("resources of type %s", type).hasSize(1);
    return resources.keySet().iterator().next();
  }

  private static Map<String, Object> ref(String logicalId) {
    return Map.of("Ref", logicalId);
  }

  private static Map<String, Object> getAtt(String logicalId, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
  }

  @Nested
  class ComputeEnvironment {

    @Test
    void isAManagedSpotEnvironmentScalingFromZeroToMaxVcpus() {
      article().hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of(
          "Type", "MANAGED",
          "State", "ENABLED",
          "ComputeResources", Match.objectLike(Map.of(
              "Type", "SPOT",
              "MinvCpus", 0,
              "MaxvCpus", 4,
              "DesiredvCpus", Match.absent()))));
    }

    @Test
    void spellsTypeAsBatchReportsItSoDriftDetectionFindsNoDrift() {
      Map<String, Map<String, Object>> environments = article().findResources("AWS::Batch::ComputeEnvironment");

      assertThat(environments.values()).singleElement()
          .extracting(resource -> ((Map<?, ?>) resource.get("Properties")).get("Type"))
          .isEqualTo("MANAGED");
    }

    @Test
    void writesTheUpdatePolicyOutAtAwsDefaults() {
      article().hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of(
          "UpdatePolicy", Map.of("TerminateJobsOnUpdate", false, "JobExecutionTimeoutMinutes", 30)));
    }

    @Test
    void takesTheUpdatePolicyFromContext() {
      TestStacks.template(Map.of("terminateJobsOnUpdate", "true", "updateTimeoutMinutes", "360"))
          .hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of(
              "UpdatePolicy", Map.of("TerminateJobsOnUpdate", true, "JobExecutionTimeoutMinutes", 360)));
    }

    @Test
    void launchesExactlyTheListedInstanceTypesWithBestFitProgressive() {
      article().hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of(
          "ComputeResources", Match.objectLike(Map.of(
              "InstanceTypes", List.of("m7i.large"),
              "AllocationStrategy", "BEST_FIT_PROGRESSIVE",
              "Ec2Configuration", List.of(Map.of("ImageType", "ECS_AL2023"))))));
    }

    @Test
    void keepsAGeneratedNameSoReplacementNeverCollides() {
      article().hasResourceProperties("AWS::Batch::ComputeEnvironment",
          Map.of("ComputeEnvironmentName", Match.absent()));
    }

    @Test
    void requiresImdsv2ThroughItsLaunchTemplate() {
      Template template = article();
      String launchTemplate = onlyLogicalId(template, "AWS::EC2::LaunchTemplate");

      template.hasResourceProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData",
          Match.objectLike(Map.of("MetadataOptions", Map.of("HttpTokens", "required")))));
      template.hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of("ComputeResources",
          Match.objectLike(Map.of("LaunchTemplate", Map.of("LaunchTemplateId", ref(launchTemplate))))));
    }

    @Test
    void runsInTheNewVpcsPublicSubnetsBehindTheLabSecurityGroup() {
      Template template = article();
      List<Object> subnets = template.findResources("AWS::EC2::Subnet").keySet().stream()
          .map(id -> (Object) ref(id)).toList();
      String securityGroup = onlyLogicalId(template, "AWS::EC2::SecurityGroup");

      template.hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of("ComputeResources",
          Match.objectLike(Map.of(
              "Subnets", Match.arrayEquals(subnets),
              "SecurityGroupIds", List.of(getAtt(securityGroup, "GroupId"))))));
    }

    @Test
    void usesOnDemandInstancesWhenSpotIsOff() {
      TestStacks.template(Map.of("spot", "false")).hasResourceProperties("AWS::Batch::ComputeEnvironment",
          Map.of("ComputeResources", Match.objectLike(Map.of("Type", "EC2"))));
    }

    @Test
    void setsDesiredVcpusOnlyWhenAskedTo() {
      TestStacks.template(Map.of("desiredVcpus", "2")).hasResourceProperties("AWS::Batch::ComputeEnvironment",
          Map.of("ComputeResources", Match.objectLike(Map.of("DesiredvCpus", 2, "MaxvCpus", 4))));
    }

    @Test
    void takesInstanceTypesStrategyAndMinimumFromContext() {
      TestStacks.template(Map.of("instanceTypes", "c7i.large,m7i", "allocationStrategy", "SPOT_CAPACITY_OPTIMIZED",
          "minVcpus", "2", "maxVcpus", "20")).hasResourceProperties("AWS::Batch::ComputeEnvironment",
          Map.of("ComputeResources", Match.objectLike(Map.of(
              "InstanceTypes", List.of("c7i.large", "m7i"),
              "AllocationStrategy", "SPOT_CAPACITY_OPTIMIZED",
              "MinvCpus", 2,
              "MaxvCpus", 20))));
    }

    @Test
    void passesTheInstanceTypeBundlesToBatchAsTheyAreSpelled() {
      TestStacks.template(Map.of("instanceTypes", "default_x86_64,default_arm64", "maxVcpus", "20"))
          .hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of("ComputeResources", Match.objectLike(
              Map.of("InstanceTypes", List.of("default_x86_64", "default_arm64")))));
      TestStacks.template(Map.of("instanceTypes", "optimal", "maxVcpus", "20"))
          .hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of("ComputeResources", Match.objectLike(
              Map.of("InstanceTypes", List.of("optimal")))));
    }
  }

  @Nested
  class Network {

    @Test
    void isAVpcWithTwoPublicSubnetsAndNoNatGateway() {
      Template template = article();

      template.resourceCountIs("AWS::EC2::VPC", 1);
      template.resourceCountIs("AWS::EC2::Subnet", 2);
      template.resourceCountIs("AWS::EC2::NatGateway", 0);
      template.allResourcesProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", true));
    }

    @Test
    void securityGroupHasNoIngress() {
      Template template = article();

      template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
      template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("SecurityGroupIngress", Match.absent()));
    }

    @Test
    void usesAnExistingVpcFoundByLookup() {
      String vpcId = "vpc-0123456789abcdef0";
      Environment env = Environment.builder().account("123456789012").region("us-east-1").build();
      // What `cdk synth` stores in cdk.context.json after the lookup; seeding it means no AWS call.
      Map<String, Object> lookup = Map.of(
          "vpcId", vpcId,
          "vpcCidrBlock", "10.1.0.0/16",
          "availabilityZones", List.of("us-east-1a", "us-east-1b"),
          "subnetGroups", List.of(Map.of("name", "Private", "type", "Private", "subnets", List.of(
              Map.of("subnetId", "subnet-0aaaaaaaaaaaaaaaa", "cidr", "10.1.0.0/24",
                  "availabilityZone", "us-east-1a", "routeTableId", "rtb-0aaaaaaaaaaaaaaaa"),
              Map.of("subnetId", "subnet-0bbbbbbbbbbbbbbbb", "cidr", "10.1.1.0/24",
                  "availabilityZone", "us-east-1b", "routeTableId", "rtb-0bbbbbbbbbbbbbbbb")))));
      String key = "vpc-provider:account=123456789012:filter.vpc-id=" + vpcId
          + ":region=us-east-1:returnAsymmetricSubnets=true";

      Template template = Template.fromStack(TestStacks.newStack(Map.of("vpcId", vpcId, key, lookup), Optional.of(env)));

      template.resourceCountIs("AWS::EC2::VPC", 0);
      template.hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of("ComputeResources",
          Match.objectLike(Map.of("Subnets", List.of("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb")))));
      template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("VpcId", vpcId));
    }
  }

  @Nested
  class JobQueue {

    @Test
    void feedsTheComputeEnvironmentAtPriorityOne() {
      Template template = article();
      String environment = onlyLogicalId(template, "AWS::Batch::ComputeEnvironment");

      template.hasResourceProperties("AWS::Batch::JobQueue", Map.of(
          "Priority", 1,
          "State", "ENABLED",
          "JobQueueName", Match.absent(),
          "ComputeEnvironmentOrder", List.of(Map.of(
              "ComputeEnvironment", getAtt(environment, "ComputeEnvironmentArn"),
              "Order", 1))));
    }

    @Test
    void cancelsJobsStuckRunnableForAMisconfiguration() {
      article().hasResourceProperties("AWS::Batch::JobQueue", Map.of("JobStateTimeLimitActions", List.of(
          Map.of("State", "RUNNABLE", "Reason", "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
              "MaxTimeSeconds", 600, "Action", "CANCEL"),
          Map.of("State", "RUNNABLE", "Reason", "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
              "MaxTimeSeconds", 600, "Action", "CANCEL"))));
    }

    @Test
    void takesTheRunnableTimeLimitFromContext() {
      TestStacks.template(Map.of("runnableTimeoutSeconds", "1800")).hasResourceProperties("AWS::Batch::JobQueue",
          Map.of("JobStateTimeLimitActions", Match.arrayWith(List.of(Match.objectLike(Map.of("MaxTimeSeconds", 1800))))));
    }
  }

  @Nested
  class JobDefinition {

    @Test
    void isNamedFromTheNameContextKey() {
      article().hasResourceProperties("AWS::Batch::JobDefinition", Map.of("JobDefinitionName", "batch-lab-job"));
      TestStacks.template(Map.of("name", "lab2"))
          .hasResourceProperties("AWS::Batch::JobDefinition", Map.of("JobDefinitionName", "lab2-job"));
    }

    @Test
    void runsTheSleepScriptWithTheSecondsParameterOnEc2() {
      article().hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
          "Type", "container",
          "PlatformCapabilities", List.of("EC2"),
          "Parameters", Map.of("seconds", "60"),
          "ContainerProperties", Match.objectLike(Map.of(
              "Command", List.of("python", "sleep_example.py", "Ref::seconds")))));
    }

    @Test
    void asksForTwoVcpusAnd1024MiB() {
      article().hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
          "ContainerProperties", Match.objectLike(Map.of("ResourceRequirements", List.of(
              Map.of("Type", "MEMORY", "Value", "1024"),
              Map.of("Type", "VCPU", "Value", "2"))))));
    }

    @Test
    void takesJobSizeAndTimeoutFromContext() {
      TestStacks.template(Map.of("jobVcpus", "1", "jobMemoryMiB", "512", "jobTimeoutSeconds", "120"))
          .hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
              "Timeout", Map.of("AttemptDurationSeconds", 120),
              "ContainerProperties", Match.objectLike(Map.of("ResourceRequirements", List.of(
                  Map.of("Type", "MEMORY", "Value", "512"),
                  Map.of("Type", "VCPU", "Value", "1"))))));
    }

    @Test
    void usesTheJobImageAssetFromTheCdkAssetRepository() {
      article().hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
          "ContainerProperties", Match.objectLike(Map.of("Image", Map.of("Fn::Sub",
              Match.stringLikeRegexp(".*/cdk-[a-z0-9]+-container-assets-.*:[0-9a-f]{64}"))))));
    }

    @Test
    void logsToTheStacksLogGroupWithAwslogs() {
      Template template = article();
      String logGroup = onlyLogicalId(template, "AWS::Logs::LogGroup");

      template.hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
          "ContainerProperties", Match.objectLike(Map.of("LogConfiguration", Map.of(
              "LogDriver", "awslogs",
              "Options", Match.objectLike(Map.of("awslogs-group", ref(logGroup))))))));
    }

    @Test
    void retriesOnlyWhenTheSpotHostWasReclaimed() {
      article().hasResourceProperties("AWS::Batch::JobDefinition", Map.of("RetryStrategy", Map.of(
          "Attempts", LabContract.RETRY_ATTEMPTS,
          "EvaluateOnExit", List.of(
              // the planner's twin runs (plan.Planner) retry by this same fact
              Map.of("OnStatusReason", LabContract.RETRY_ON_STATUS_REASON, "Action", "RETRY"),
              Map.of("OnReason", "*", "Action", "EXIT")))));
    }

    @Test
    void hasAnAttemptTimeout() {
      article().hasResourceProperties("AWS::Batch::JobDefinition",
          Map.of("Timeout", Map.of("AttemptDurationSeconds", 3600)));
    }

    @Test
    void logGroupHasRetentionAndIsRemovedWithTheStack() {
      article().hasResource("AWS::Logs::LogGroup", Map.of(
          "Properties", Map.of("RetentionInDays", 7),
          "DeletionPolicy", "Delete",
          "UpdateReplacePolicy", "Delete"));
      TestStacks.template(Map.of("logRetentionDays", "30"))
          .hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }
  }

  @Nested
  class Outputs {

    @Test
    void exportsEveryNameTheSubmitterNeeds() {
      assertThat(article().findOutputs("*").keySet()).containsExactlyInAnyOrder(
          LabContract.OUTPUT_JOB_QUEUE_NAME, LabContract.OUTPUT_JOB_QUEUE_ARN,
          LabContract.OUTPUT_JOB_DEFINITION_NAME, LabContract.OUTPUT_JOB_DEFINITION_ARN,
          LabContract.OUTPUT_COMPUTE_ENVIRONMENT_NAME, LabContract.OUTPUT_COMPUTE_ENVIRONMENT_ARN,
          LabContract.OUTPUT_LOG_GROUP_NAME, LabContract.OUTPUT_REGION);
      assertThat(LabContract.OUTPUT_JOB_QUEUE_NAME).isEqualTo("JobQueueName");
    }

    @Test
    void pointAtTheStacksResources() {
      Template template = article();
      String queue = onlyLogicalId(template, "AWS::Batch::JobQueue");
      String environment = onlyLogicalId(template, "AWS::Batch::ComputeEnvironment");
      String jobDefinition = onlyLogicalId(template, "AWS::Batch::JobDefinition");
      String logGroup = onlyLogicalId(template, "AWS::Logs::LogGroup");

      template.hasOutput("JobQueueArn", Map.of("Value", getAtt(queue, "JobQueueArn")));
      template.hasOutput("JobQueueName", Map.of("Value", Map.of("Fn::Select",
          List.of(1, Map.of("Fn::Split", List.of("/", getAtt(queue, "JobQueueArn")))))));
      template.hasOutput("ComputeEnvironmentArn", Map.of("Value", getAtt(environment, "ComputeEnvironmentArn")));
      template.hasOutput("ComputeEnvironmentName", Map.of("Value", Map.of("Fn::Select",
          List.of(1, Map.of("Fn::Split", List.of("/", getAtt(environment, "ComputeEnvironmentArn")))))));
      template.hasOutput("JobDefinitionArn", Map.of("Value", ref(jobDefinition)));
      template.hasOutput("JobDefinitionName", Map.of("Value", "batch-lab-job"));
      template.hasOutput("LogGroupName", Map.of("Value", ref(logGroup)));
      template.hasOutput("Region", Map.of("Value", ref("AWS::Region")));
    }
  }

  @Test
  void warnsThatTheFitCheckWasSkippedForAnUnknownInstanceType() {
    BatchLabStack stack = TestStacks.newStack(Map.of("instanceTypes", "x9z.large"), Optional.empty());

    Annotations.fromStack(stack).hasWarning("/BatchLab",
        Match.stringLikeRegexp("instance types x9z.large are not in batch-lab's catalogue: the check that a job"
            + " fits an instance was skipped.*"));
  }

  /** {@code -c queues=... -c fairShare=true ...}: extra queues and one fair-share policy on all of them. */
  @Nested
  class QueuesAndFairShare {

    private final Map<String, String> fairShare = Map.of("queues", "high:10,low:0", "fairShare", "true",
        "shares", "teamA:1,teamB:0.5,ops*:0.125", "shareDecaySeconds", "600", "computeReservation", "50",
        "schedulingPriority", "5");

    @Test
    void addsEachExtraQueueOnTheSameEnvironmentWithItsPriorityAndTheDefaultTimeLimits() {
      Template template = TestStacks.template(fairShare);
      String environment = onlyLogicalId(template, "AWS::Batch::ComputeEnvironment");

      template.resourceCountIs("AWS::Batch::JobQueue", 3);
      for (int priority : new int[] {1, 10, 0}) {
        template.hasResourceProperties("AWS::Batch::JobQueue", Map.of(
            "Priority", priority,
            "JobQueueName", Match.absent(),
            "ComputeEnvironmentOrder", List.of(Map.of(
                "ComputeEnvironment", getAtt(environment, "ComputeEnvironmentArn"), "Order", 1)),
            "JobStateTimeLimitActions", Match.arrayWith(List.of(Match.objectLike(Map.of("MaxTimeSeconds", 600))))));
      }
    }

    @Test
    void attachesOnePolicyWithTheGivenSharesDecayAndReservationToEveryQueue() {
      Template template = TestStacks.template(fairShare);
      String policy = onlyLogicalId(template, "AWS::Batch::SchedulingPolicy");

      template.hasResourceProperties("AWS::Batch::SchedulingPolicy", Map.of(
          "Name", Match.absent(),
          "FairsharePolicy", Map.of(
              "ShareDecaySeconds", 600,
              "ComputeReservation", 50,
              "ShareDistribution", List.of(
                  Map.of("ShareIdentifier", "teamA", "WeightFactor", 1),
                  Map.of("ShareIdentifier", "teamB", "WeightFactor", 0.5),
                  Map.of("ShareIdentifier", "ops*", "WeightFactor", 0.125)))));
      assertThat(template.findResources("AWS::Batch::JobQueue").values())
          .allSatisfy(queue -> assertThat(((Map<?, ?>) queue.get("Properties")).get("SchedulingPolicyArn"))
              .isEqualTo(getAtt(policy, "Arn")));
    }

    @Test
    void givesTheJobDefinitionItsSchedulingPriority() {
      TestStacks.template(fairShare).hasResourceProperties("AWS::Batch::JobDefinition",
          Map.of("SchedulingPriority", 5));
    }

    @Test
    void leavesOutWhatIsNotGivenAPolicyWithoutSharesIsAllowed() {
      Template template = TestStacks.template(Map.of("fairShare", "true"));

      template.hasResourceProperties("AWS::Batch::SchedulingPolicy", Map.of("FairsharePolicy", Map.of(
          "ShareDecaySeconds", Match.absent(), "ComputeReservation", Match.absent())));
    }

    @Test
    void aFairShareStackGivesTheJobDefinitionTheDefaultSchedulingPriorityWhenNoneIsGiven() {
      // SubmitJob to a fair-share queue needs a priority from the job definition or the call.
      TestStacks.template(Map.of("fairShare", "true")).hasResourceProperties("AWS::Batch::JobDefinition",
          Map.of("SchedulingPriority", StackSettings.FAIR_SHARE_SCHEDULING_PRIORITY_DEFAULT));
      TestStacks.template(Map.of("queues", "high:10")).hasResourceProperties("AWS::Batch::JobDefinition",
          Map.of("SchedulingPriority", Match.absent()));
    }

    @Test
    void extraQueuesWithoutFairShareAreFifo() {
      Template template = TestStacks.template(Map.of("queues", "high:10"));

      template.resourceCountIs("AWS::Batch::SchedulingPolicy", 0);
      template.hasResourceProperties("AWS::Batch::JobQueue", Map.of("Priority", 10,
          "SchedulingPolicyArn", Match.absent()));
    }

    @Test
    void exportsNameAndArnOfEachExtraQueueUnderTheContractsOutputNames() {
      Template template = TestStacks.template(fairShare);

      assertThat(template.findOutputs("*").keySet()).contains("JobQueueName", "JobQueueArn",
          LabContract.jobQueueNameOutput("high"), LabContract.jobQueueArnOutput("high"),
          "JobQueuelowName", "JobQueuelowArn");
      String high = template.findResources("AWS::Batch::JobQueue", Map.of("Properties", Map.of("Priority", 10)))
          .keySet().iterator().next();
      template.hasOutput("JobQueuehighArn", Map.of("Value", getAtt(high, "JobQueueArn")));
      template.hasOutput("JobQueuehighName", Map.of("Value", Map.of("Fn::Select",
          List.of(1, Map.of("Fn::Split", List.of("/", getAtt(high, "JobQueueArn"))))))); 
    }
  }
}
