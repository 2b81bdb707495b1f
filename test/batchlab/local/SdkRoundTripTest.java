package batchlab.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeResource;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.batch.model.JobStateTimeLimitAction;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.RetryStrategy;
import software.amazon.awssdk.services.batch.model.FairshareCapacityUsage;
import software.amazon.awssdk.services.batch.model.FairshareCapacityUtilization;
import software.amazon.awssdk.services.batch.model.FairsharePolicy;
import software.amazon.awssdk.services.batch.model.FairshareUtilizationDetail;
import software.amazon.awssdk.services.batch.model.SchedulingPolicyDetail;
import software.amazon.awssdk.services.batch.model.SchedulingPolicyListingDetail;
import software.amazon.awssdk.services.batch.model.ShareAttributes;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * Every resource the emulator stores, created through the real SDK with (nearly) every field the
 * emulator accepts, comes back through the SDK's unmarshaller unchanged: compute environments,
 * queues, job definitions, jobs (single, array parent and children, retried attempts), ECS
 * container instances, and the fair-share pieces (scheduling policies, a queue's policy, shares and
 * scheduling priorities of jobs, the queue snapshot's fair-share utilization).
 */
class SdkRoundTripTest {

  private static final String ROLE = "arn:aws:iam::000000000000:role/";

  private static final ComputeResource RESOURCES = ComputeResource.builder()
      .type("EC2").allocationStrategy("BEST_FIT_PROGRESSIVE").minvCpus(0).maxvCpus(16).desiredvCpus(0)
      .instanceTypes("m7i.large", "c7i").imageId("ami-0123456789abcdef0").subnets("subnet-1", "subnet-2")
      .securityGroupIds("sg-1").ec2KeyPair("key").instanceRole(ROLE + "ecsInstanceRole")
      .tags(Map.of("team", "lab")).placementGroup("pg").bidPercentage(60).spotIamFleetRole(ROLE + "fleet")
      .launchTemplate(t -> t.launchTemplateName("lt").version("$Latest"))
      .ec2Configuration(c -> c.imageType("ECS_AL2023").imageIdOverride("ami-0fedcba9876543210"))
      .scalingPolicy(p -> p.minScaleDownDelayMinutes(30))
      .build();

  private static final ContainerProperties CONTAINER = ContainerProperties.builder()
      .image("public.ecr.aws/docker/library/python:3.12-slim")
      .command("python", "sleep_example.py", "Ref::seconds")
      .jobRoleArn(ROLE + "job").executionRoleArn(ROLE + "exec")
      .volumes(v -> v.name("scratch").host(h -> h.sourcePath("/tmp")))
      .environment(KeyValuePair.builder().name("MODE").value("lab").build())
      .mountPoints(m -> m.sourceVolume("scratch").containerPath("/scratch").readOnly(false))
      .readonlyRootFilesystem(true).privileged(false).user("nobody")
      .ulimits(u -> u.name("nofile").softLimit(1024).hardLimit(4096))
      .resourceRequirements(Fixtures.vcpus(1), Fixtures.memory(512))
      .linuxParameters(l -> l.initProcessEnabled(true).sharedMemorySize(64).maxSwap(0).swappiness(10)
          .devices(d -> d.hostPath("/dev/fuse").containerPath("/dev/fuse").permissionsWithStrings("READ"))
          .tmpfs(t -> t.containerPath("/run").size(32).mountOptions("noexec")))
      .logConfiguration(c -> c.logDriver("awslogs").options(Map.of("awslogs-group", "lab"))
          .secretOptions(s -> s.name("token").valueFrom(ROLE + "secret")))
      .secrets(s -> s.name("API_KEY").valueFrom("arn:aws:ssm:us-east-1:000000000000:parameter/key"))
      .build();

  private static final RetryStrategy RETRY = RetryStrategy.builder().attempts(2)
      .evaluateOnExit(e -> e.onReason("boom*").onStatusReason("Essential container*").onExitCode("1").action("RETRY"))
      .build();

  /** Jobs named "fails" fail at once (every attempt); the others run 60 s. */
  private static final WorkloadModel WORKLOAD = job -> job.jobName().equals("fails")
      ? WorkloadModel.Run.failsAtStart("boom") : WorkloadModel.Run.succeedsAfter(Duration.ofSeconds(60));

  @Test
  void everyStoredResourceComesBackThroughTheSdkAsItWasSent() throws Exception {
    try (BatchEmulator emulator = BatchEmulator.builder().speed(Speed.MANUAL).workload(WORKLOAD).build().start();
         BatchClient batch = Fixtures.batch(emulator); EcsClient ecs = Fixtures.ecs(emulator)) {
      batch.createComputeEnvironment(r -> r.computeEnvironmentName("rt-ce").type("MANAGED").state("ENABLED")
          .serviceRole(ROLE + "batch").tags(Map.of("owner", "lab"))
          .computeResources(RESOURCES));
      JobStateTimeLimitAction limit = JobStateTimeLimitAction.builder().reason("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY")
          .state("RUNNABLE").maxTimeSeconds(600).action("CANCEL").build();
      batch.createJobQueue(r -> r.jobQueueName("rt-queue").state("ENABLED").priority(5)
          .computeEnvironmentOrder(Fixtures.first("rt-ce")).jobStateTimeLimitActions(limit)
          .tags(Map.of("owner", "lab")));
      batch.registerJobDefinition(r -> r.jobDefinitionName("rt-def").type("container").containerProperties(CONTAINER)
          .parameters(Map.of("seconds", "60")).retryStrategy(RETRY).timeout(t -> t.attemptDurationSeconds(600))
          .tags(Map.of("owner", "lab")).propagateTags(true).platformCapabilitiesWithStrings("EC2"));

      String single = batch.submitJob(r -> r.jobName("single").jobQueue("rt-queue").jobDefinition("rt-def")
          .parameters(Map.of("seconds", "30")).propagateTags(false).tags(Map.of("run", "1"))
          .timeout(t -> t.attemptDurationSeconds(120))
          .containerOverrides(o -> o.command("python", "sleep_example.py", "Ref::seconds")
              .environment(KeyValuePair.builder().name("EXTRA").value("1").build())
              .resourceRequirements(Fixtures.vcpus(2), Fixtures.memory(1024)))).jobId();
      String array = batch.submitJob(r -> r.jobName("array").jobQueue("rt-queue").jobDefinition("rt-def")
          .arrayProperties(a -> a.size(3)).dependsOn(Fixtures.after(single))).jobId();
      String fails = batch.submitJob(r -> r.jobName("fails").jobQueue("rt-queue").jobDefinition("rt-def:1")
          .retryStrategy(RETRY)).jobId();
      assertThat(emulator.awaitJobsDone(Duration.ofSeconds(30))).isTrue();

      ComputeEnvironmentDetail ce = batch.describeComputeEnvironments(r -> r.computeEnvironments("rt-ce"))
          .computeEnvironments().get(0);
      assertThat(ce.computeResources().toBuilder().desiredvCpus(0).build()).isEqualTo(RESOURCES);
      assertThat(ce.serviceRole()).isEqualTo(ROLE + "batch");
      assertThat(ce.tags()).isEqualTo(Map.of("owner", "lab"));

      JobQueueDetail queue = batch.describeJobQueues(r -> r.jobQueues("rt-queue")).jobQueues().get(0);
      assertThat(queue.priority()).isEqualTo(5);
      assertThat(queue.jobStateTimeLimitActions()).containsExactly(limit);
      assertThat(queue.computeEnvironmentOrder().get(0).computeEnvironment()).isEqualTo(ce.computeEnvironmentArn());

      JobDefinition definition = batch.describeJobDefinitions(r -> r.jobDefinitionName("rt-def")).jobDefinitions()
          .get(0);
      assertThat(definition.containerProperties()).isEqualTo(CONTAINER);
      assertThat(definition.retryStrategy()).isEqualTo(RETRY);
      assertThat(definition.timeout().attemptDurationSeconds()).isEqualTo(600);
      assertThat(definition.propagateTags()).isTrue();
      assertThat(definition.parameters()).isEqualTo(Map.of("seconds", "60"));

      List<JobDetail> jobs = batch.describeJobs(r -> r.jobs(single, array, array + ":0", array + ":2", fails)).jobs();
      assertThat(jobs).extracting(JobDetail::statusAsString)
          .containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED");
      JobDetail first = jobs.get(0);
      assertThat(first.container().command()).containsExactly("python", "sleep_example.py", "30");
      assertThat(first.container().environment()).extracting(KeyValuePair::name).containsExactly("MODE", "EXTRA");
      assertThat(first.container().linuxParameters()).isEqualTo(CONTAINER.linuxParameters());
      assertThat(first.attempts()).hasSize(1);
      assertThat(jobs.get(1).arrayProperties().statusSummary()).containsEntry("SUCCEEDED", 3);
      assertThat(jobs.get(2).arrayProperties().index()).isEqualTo(0);
      assertThat(jobs.get(4).attempts()).hasSize(2).allSatisfy(a -> assertThat(a.container().exitCode()).isEqualTo(1));

      assertThat(batch.listJobs(r -> r.jobQueue("rt-queue").jobStatus("SUCCEEDED")).jobSummaryList())
          .extracting(JobSummary::jobName).containsExactly("single", "array");
      assertThat(batch.listJobs(r -> r.arrayJobId(array).jobStatus("SUCCEEDED")).jobSummaryList()).hasSize(3);

      List<String> arns = ecs.listContainerInstances(r -> r.cluster(ce.ecsClusterArn())).containerInstanceArns();
      assertThat(arns).isNotEmpty();
      List<ContainerInstance> instances = ecs.describeContainerInstances(r -> r.cluster(ce.ecsClusterArn())
          .containerInstances(arns)).containerInstances();
      assertThat(instances).hasSameSizeAs(arns).allSatisfy(i -> {
        assertThat(i.ec2InstanceId()).startsWith("i-");
        assertThat(i.registeredResources()).isNotEmpty();
      });
    }
  }

  private static final FairsharePolicy FAIRSHARE = FairsharePolicy.builder().shareDecaySeconds(3600)
      .computeReservation(25).shareDistribution(
          ShareAttributes.builder().shareIdentifier("teamA").weightFactor(0.5f).build(),
          ShareAttributes.builder().shareIdentifier("ops*").weightFactor(2f).build())
      .build();

  @Test
  void fairShareResourcesComeBackThroughTheSdkAsTheyWereSent() {
    try (BatchEmulator emulator = BatchEmulator.builder().speed(Speed.MANUAL).workload(WORKLOAD).build().start();
         BatchClient batch = Fixtures.batch(emulator)) {
      batch.createComputeEnvironment(r -> r.computeEnvironmentName("rt-ce").type("MANAGED").state("ENABLED")
          .serviceRole(ROLE + "batch").computeResources(RESOURCES));
      String policyArn = batch.createSchedulingPolicy(r -> r.name("rt-policy").fairsharePolicy(FAIRSHARE)
          .tags(Map.of("owner", "lab"))).arn();
      batch.createJobQueue(r -> r.jobQueueName("rt-fair").priority(5).schedulingPolicyArn(policyArn)
          .computeEnvironmentOrder(Fixtures.first("rt-ce")));
      batch.registerJobDefinition(r -> r.jobDefinitionName("rt-def").type("container").containerProperties(CONTAINER)
          .schedulingPriority(7));
      String job = batch.submitJob(r -> r.jobName("fair").jobQueue("rt-fair").jobDefinition("rt-def")
          .shareIdentifier("teamA").schedulingPriorityOverride(9)).jobId();
      String byDefinition = batch.submitJob(r -> r.jobName("fair2").jobQueue("rt-fair").jobDefinition("rt-def")
          .shareIdentifier("ops1")).jobId();

      SchedulingPolicyDetail policy = batch.describeSchedulingPolicies(r -> r.arns(policyArn)).schedulingPolicies()
          .get(0);
      assertThat(policy.name()).isEqualTo("rt-policy");
      assertThat(policy.arn()).isEqualTo(policyArn).endsWith(":scheduling-policy/rt-policy");
      assertThat(policy.fairsharePolicy()).isEqualTo(FAIRSHARE);
      assertThat(policy.tags()).isEqualTo(Map.of("owner", "lab"));
      assertThat(batch.listSchedulingPolicies(r -> { }).schedulingPolicies())
          .extracting(SchedulingPolicyListingDetail::arn).containsExactly(policyArn);
      assertThat(batch.describeJobQueues(r -> r.jobQueues("rt-fair")).jobQueues().get(0).schedulingPolicyArn())
          .isEqualTo(policyArn);
      assertThat(batch.describeJobDefinitions(r -> r.jobDefinitionName("rt-def")).jobDefinitions().get(0)
          .schedulingPriority()).isEqualTo(7);
      List<JobDetail> jobs = batch.describeJobs(r -> r.jobs(job, byDefinition)).jobs();
      assertThat(jobs).extracting(JobDetail::shareIdentifier, JobDetail::schedulingPriority)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("teamA", 9), org.assertj.core.groups.Tuple.tuple("ops1", 7));

      emulator.advance(Duration.ofSeconds(100));
      FairshareUtilizationDetail utilization = batch.getJobQueueSnapshot(r -> r.jobQueue("rt-fair"))
          .queueUtilization().fairshareUtilization();
      assertThat(utilization.activeShareCount()).isEqualTo(2L);
      assertThat(utilization.topCapacityUtilization()).extracting(FairshareCapacityUtilization::shareIdentifier)
          .containsExactly("ops1", "teamA"); // 1 vCPU each: equal usage lists by identifier
      assertThat(utilization.topCapacityUtilization().get(0).capacityUsage())
          .containsExactly(FairshareCapacityUsage.builder().capacityUnit("VCPU").quantity(1.0).build());
    }
  }
}
