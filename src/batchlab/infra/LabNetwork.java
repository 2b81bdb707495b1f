package batchlab.infra;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcLookupOptions;
import software.constructs.Construct;

/**
 * Where the Batch instances run: a new VPC with public subnets in two AZs and no NAT gateway (nothing
 * costs money while idle), or an existing VPC found by id; plus a security group without ingress.
 */
public final class LabNetwork extends Construct {

  /** The EC2 VPC id format: vpc- and 8 (old) or 17 hex digits. */
  static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");

  private final IVpc vpc;
  private final SubnetSelection subnets;
  private final SecurityGroup securityGroup;

  public LabNetwork(Construct scope, String id, Props props) {
    super(scope, id);
    if (props.existingVpcId().isPresent()) {
      String vpcId = props.existingVpcId().get();
      if (!VPC_ID.matcher(vpcId).matches()) {
        throw new IllegalArgumentException("existing VPC id " + vpcId + " is not of the form vpc-<hex digits>");
      }
      vpc = Vpc.fromLookup(this, "Vpc", VpcLookupOptions.builder().vpcId(vpcId).build());
      // The VPC's own choice: private subnets with egress when it has them, else public ones.
      subnets = SubnetSelection.builder().build();
    } else {
      vpc = Vpc.Builder.create(this, "Vpc")
          .maxAzs(2)
          .natGateways(0)
          // true would add a custom-resource Lambda to strip the default security group's rules.
          .restrictDefaultSecurityGroup(false)
          .subnetConfiguration(List.of(SubnetConfiguration.builder()
              .name("public")
              .subnetType(SubnetType.PUBLIC)
              .cidrMask(24)
              .build()))
          .build();
      subnets = SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
    }
    securityGroup = SecurityGroup.Builder.create(this, "InstanceSecurityGroup")
        .vpc(vpc)
        .description("AWS Batch instances: no ingress; egress for ECR, ECS and CloudWatch Logs")
        .allowAllOutbound(true)
        .build();
  }

  public IVpc vpc() {
    return vpc;
  }

  /** The subnets the compute environment launches instances into. */
  public SubnetSelection subnets() {
    return subnets;
  }

  public ISecurityGroup securityGroup() {
    return securityGroup;
  }

  /** A new VPC unless {@code existingVpcId} is given. */
  public record Props(Optional<String> existingVpcId) {

    public static Builder builder() {
      return new Builder();
    }

    public static final class Builder {
      private String existingVpcId;

      public Builder existingVpcId(String existingVpcId) {
        this.existingVpcId = existingVpcId;
        return this;
      }

      public Props build() {
        return new Props(Optional.ofNullable(existingVpcId));
      }
    }
  }
}
