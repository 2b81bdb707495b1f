package batchlab.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.batch.FairshareSchedulingPolicy;
import software.amazon.awscdk.services.batch.Share;
import software.constructs.Construct;

/**
 * The stack's fair-share scheduling policy (CDK L2 {@code FairshareSchedulingPolicy}): the share weights,
 * shareDecaySeconds and computeReservation of {@link FairShareSettings}, with a CloudFormation-generated
 * name so that a change needing replacement never collides with the old name.
 */
public final class LabFairSharePolicy extends Construct {

  private final FairshareSchedulingPolicy policy;

  public LabFairSharePolicy(Construct scope, String id, FairShareSettings settings) {
    super(scope, id);
    Objects.requireNonNull(settings, "settings");
    FairshareSchedulingPolicy.Builder builder = FairshareSchedulingPolicy.Builder.create(this, "Resource")
        .shares(settings.shares().stream()
            .map(share -> Share.builder().shareIdentifier(share.identifier()).weightFactor(share.weightFactor()).build())
            .toList());
    settings.shareDecaySeconds().ifPresent(seconds -> builder.shareDecay(Duration.seconds(seconds)));
    settings.computeReservation().ifPresent(builder::computeReservation);
    policy = builder.build();
  }

  public FairshareSchedulingPolicy policy() {
    return policy;
  }
}
