package batchlab.infra;

import batchlab.batch.AllocationStrategy;
import batchlab.batch.BatchLimits;
import batchlab.batch.InstanceTypeCatalog;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.batch.CfnComputeEnvironment;
import software.amazon.awscdk.services.batch.EcsMachineImage;
import software.amazon.awscdk.services.batch.EcsMachineImageType;
import software.amazon.awscdk.services.batch.IManagedEc2EcsComputeEnvironment;
import software.amazon.awscdk.services.batch.ManagedEc2EcsComputeEnvironment;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.constructs.Construct;

/**
 * A managed EC2 compute environment launching exactly the listed instance types (no "optimal" unless
 * listed),
 * with IMDSv2 required through a launch template and a CloudFormation-generated name, so that a
 * replacement never collides with the old environment.
 */
public final class LabComputeEnvironment extends Construct {

  private final ManagedEc2EcsComputeEnvironment computeEnvironment;

  public LabComputeEnvironment(Construct scope, String id, Props props) {
    super(scope, id);
    props.validate();
    LaunchTemplate launchTemplate = LaunchTemplate.Builder.create(this, "LaunchTemplate")
        .requireImdsv2(true)
        .build();
    computeEnvironment = ManagedEc2EcsComputeEnvironment.Builder.create(this, "Resource")
        .vpc(props.vpc())
        .vpcSubnets(props.subnets())
        .securityGroups(List.of(props.securityGroup()))
        .spot(props.spot())
        .minvCpus(props.minVcpus())
        .maxvCpus(props.maxVcpus())
        // "m7i.large" is a type; a bare "m7i" is a family, which CDK takes as an instance class.
        .instanceTypes(props.instanceTypes().stream()
            .filter(name -> name.contains(".")).map(InstanceType::new).toList())
        .instanceClasses(props.instanceTypes().stream()
            .filter(name -> !name.contains(".") && !InstanceTypeCatalog.isBundle(name))
            .map(LabComputeEnvironment::instanceClass).toList())
        // CDK's InstanceType refuses the bundles' names; its "optimal" switch lets the synth through
        // and the property override below then lists exactly what was asked for.
        .useOptimalInstanceClasses(hasBundle(props))
        .allocationStrategy(
            software.amazon.awscdk.services.batch.AllocationStrategy.valueOf(props.allocationStrategy().name()))
        .launchTemplate(launchTemplate)
        // Explicit, so the AMI family does not change with CDK's defaultToAL2023 feature flag.
        .images(List.of(EcsMachineImage.builder().imageType(EcsMachineImageType.ECS_AL2023).build()))
        // Written out even at AWS's defaults: without them the L2 emits an empty UpdatePolicy {}.
        .terminateOnUpdate(props.terminateJobsOnUpdate())
        .updateTimeout(Duration.minutes(props.updateTimeoutMinutes()))
        .build();
    CfnComputeEnvironment cfn = (CfnComputeEnvironment) computeEnvironment.getNode().getDefaultChild();
    // The L2 writes Type "managed"; Batch reports "MANAGED", so drift detection flags the lower case
    // (aws-cdk issue 31621). Changing the case of a deployed stack replaces the compute environment.
    cfn.addPropertyOverride("Type", "MANAGED");
    if (hasBundle(props)) {
      cfn.addPropertyOverride("ComputeResources.InstanceTypes", props.instanceTypes());
    }
    // L2 does not expose desiredvCpus; it stays unset unless asked for, because a pinned value makes
    // later updates fail once Batch has scaled the environment elsewhere.
    props.desiredVcpus().ifPresent(desired -> cfn.addPropertyOverride("ComputeResources.DesiredvCpus", desired));
  }

  /** Whether optimal, default_x86_64 or default_arm64 is among the types: Batch then picks the families. */
  private static boolean hasBundle(Props props) {
    return props.instanceTypes().stream().anyMatch(InstanceTypeCatalog::isBundle);
  }

  /** A bare family such as {@code m7i}: Batch then picks the size. */
  private static InstanceClass instanceClass(String family) {
    try {
      return InstanceClass.valueOf(family.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("instance family " + family + " is unknown to aws-cdk-lib;"
          + " list its sizes instead (e.g. " + family + ".large)", e);
    }
  }

  public IManagedEc2EcsComputeEnvironment computeEnvironment() {
    return computeEnvironment;
  }

  /** Capacity and placement of the environment. */
  public record Props(
      IVpc vpc,
      SubnetSelection subnets,
      ISecurityGroup securityGroup,
      boolean spot,
      int minVcpus,
      int maxVcpus,
      OptionalInt desiredVcpus,
      List<String> instanceTypes,
      AllocationStrategy allocationStrategy,
      boolean terminateJobsOnUpdate,
      int updateTimeoutMinutes) {

    public Props {
      instanceTypes = List.copyOf(Objects.requireNonNull(instanceTypes, "instanceTypes"));
      Objects.requireNonNull(desiredVcpus, "desiredVcpus");
    }

    public static Builder builder() {
      return new Builder();
    }

    void validate() {
      Objects.requireNonNull(vpc, "vpc");
      Objects.requireNonNull(subnets, "subnets");
      Objects.requireNonNull(securityGroup, "securityGroup");
      Objects.requireNonNull(allocationStrategy, "allocationStrategy");
      if (minVcpus < 0 || maxVcpus < Math.max(1, minVcpus)) {
        throw new IllegalArgumentException(
            "compute environment needs 0 <= minVcpus <= maxVcpus and maxVcpus >= 1, got " + minVcpus + ".." + maxVcpus);
      }
      desiredVcpus.ifPresent(desired -> {
        if (desired < minVcpus || desired > maxVcpus) {
          throw new IllegalArgumentException(
              "desiredVcpus " + desired + " is outside [" + minVcpus + ", " + maxVcpus + "]");
        }
      });
      if (instanceTypes.isEmpty()) {
        throw new IllegalArgumentException("compute environment needs at least one instance type");
      }
      if (updateTimeoutMinutes < BatchLimits.UPDATE_TIMEOUT_MIN_MINUTES
          || updateTimeoutMinutes > BatchLimits.UPDATE_TIMEOUT_MAX_MINUTES) {
        throw new IllegalArgumentException("updateTimeoutMinutes " + updateTimeoutMinutes + " is outside ["
            + BatchLimits.UPDATE_TIMEOUT_MIN_MINUTES + ", " + BatchLimits.UPDATE_TIMEOUT_MAX_MINUTES + "]");
      }
      if (!allocationStrategy.allowedFor(spot)) {
        throw new IllegalArgumentException(
            allocationStrategy + " is not allowed for " + (spot ? "spot" : "on-demand") + " instances");
      }
    }

    public static final class Builder {
      private IVpc vpc;
      private SubnetSelection subnets;
      private ISecurityGroup securityGroup;
      private boolean spot;
      private int minVcpus;
      private int maxVcpus;
      private OptionalInt desiredVcpus = OptionalInt.empty();
      private List<String> instanceTypes = List.of();
      private AllocationStrategy allocationStrategy;
      private boolean terminateJobsOnUpdate;
      private int updateTimeoutMinutes = BatchLimits.UPDATE_TIMEOUT_DEFAULT_MINUTES;

      public Builder network(LabNetwork network) {
        this.vpc = network.vpc();
        this.subnets = network.subnets();
        this.securityGroup = network.securityGroup();
        return this;
      }

      public Builder spot(boolean spot) {
        this.spot = spot;
        return this;
      }

      public Builder minVcpus(int minVcpus) {
        this.minVcpus = minVcpus;
        return this;
      }

      public Builder maxVcpus(int maxVcpus) {
        this.maxVcpus = maxVcpus;
        return this;
      }

      public Builder desiredVcpus(OptionalInt desiredVcpus) {
        this.desiredVcpus = desiredVcpus;
        return this;
      }

      public Builder instanceTypes(List<String> instanceTypes) {
        this.instanceTypes = instanceTypes;
        return this;
      }

      public Builder allocationStrategy(AllocationStrategy allocationStrategy) {
        this.allocationStrategy = allocationStrategy;
        return this;
      }

      /** Whether an infrastructure update terminates running jobs at once instead of letting them finish. */
      public Builder terminateJobsOnUpdate(boolean terminateJobsOnUpdate) {
        this.terminateJobsOnUpdate = terminateJobsOnUpdate;
        return this;
      }

      /** How long an infrastructure update lets running jobs finish before replacing their instances. */
      public Builder updateTimeoutMinutes(int updateTimeoutMinutes) {
        this.updateTimeoutMinutes = updateTimeoutMinutes;
        return this;
      }

      public Props build() {
        return new Props(vpc, subnets, securityGroup, spot, minVcpus, maxVcpus, desiredVcpus, instanceTypes,
            allocationStrategy, terminateJobsOnUpdate, updateTimeoutMinutes);
      }
    }
  }
}
