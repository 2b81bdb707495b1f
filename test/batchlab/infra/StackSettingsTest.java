package batchlab.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import batchlab.batch.AllocationStrategy;
import batchlab.util.BadInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and validation of the CDK context, without synthesizing anything. */
class StackSettingsTest {

  private static StackSettings parse(Object... keysAndValues) {
    Map<String, Object> context = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      context.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return StackSettings.fromContext(context);
  }

  private static void assertRejected(String message, Object... keysAndValues) {
    assertThatThrownBy(() -> parse(keysAndValues))
        .isInstanceOf(BadInputException.class)
        .hasMessage(message);
  }

  @Test
  void defaultsAreTheArticlesSetUp() {
    StackSettings settings = StackSettings.defaults();

    assertThat(settings.stackName()).isEqualTo("BatchLab");
    assertThat(settings.jobDefinitionName()).isEqualTo("batch-lab-job");
    assertThat(settings.vpcId()).isEmpty();
    assertThat(settings.spot()).isTrue();
    assertThat(settings.minVcpus()).isZero();
    assertThat(settings.maxVcpus()).isEqualTo(4);
    assertThat(settings.desiredVcpus()).isEmpty();
    assertThat(settings.instanceTypes()).containsExactly("m7i.large");
    assertThat(settings.allocationStrategy()).isEqualTo(AllocationStrategy.BEST_FIT_PROGRESSIVE);
    assertThat(settings.jobVcpus()).isEqualTo(2);
    assertThat(settings.jobMemoryMiB()).isEqualTo(1024);
    assertThat(settings.jobTimeoutSeconds()).isEqualTo(3600);
    assertThat(settings.runnableTimeoutSeconds()).isEqualTo(600);
    assertThat(settings.logRetentionDays()).isEqualTo(7);
    assertThat(settings.terminateJobsOnUpdate()).isFalse();
    assertThat(settings.updateTimeoutMinutes()).isEqualTo(30);
  }

  @Nested
  class AcceptsValuesFromTheCommandLineAndFromCdkJson {

    @Test
    void parsesStringsAsCdkCMinusCGivesThem() {
      StackSettings settings = parse("maxVcpus", "20", "spot", "false", "desiredVcpus", "2",
          "instanceTypes", "m7i.large, c7i.xlarge", "allocationStrategy", "best_fit", "name", "lab2",
          "stackName", "Lab-2", "vpcId", "vpc-0123456789abcdef0");

      assertThat(settings.maxVcpus()).isEqualTo(20);
      assertThat(settings.spot()).isFalse();
      assertThat(settings.desiredVcpus()).isEqualTo(OptionalInt.of(2));
      assertThat(settings.instanceTypes()).containsExactly("m7i.large", "c7i.xlarge");
      assertThat(settings.allocationStrategy()).isEqualTo(AllocationStrategy.BEST_FIT);
      assertThat(settings.jobDefinitionName()).isEqualTo("lab2-job");
      assertThat(settings.stackName()).isEqualTo("Lab-2");
      assertThat(settings.vpcId()).contains("vpc-0123456789abcdef0");
    }

    @Test
    void parsesJsonNumbersBooleansAndArrays() {
      StackSettings settings = parse("maxVcpus", 20, "minVcpus", 2.0, "spot", Boolean.FALSE,
          "allocationStrategy", "BEST_FIT", "instanceTypes", List.of("m7i.large", "r7i.large"));

      assertThat(settings.maxVcpus()).isEqualTo(20);
      assertThat(settings.minVcpus()).isEqualTo(2);
      assertThat(settings.spot()).isFalse();
      assertThat(settings.instanceTypes()).containsExactly("m7i.large", "r7i.large");
    }

    @Test
    void treatsABlankValueAsUnset() {
      assertThat(parse("maxVcpus", " ").maxVcpus()).isEqualTo(4);
    }

    @Test
    void ignoresCdkOwnKeysAndUnrelatedKeys() {
      StackSettings settings = parse("@aws-cdk/aws-batch:defaultToAL2023", true,
          "aws:cdk:enable-path-metadata", true,
          "vpc-provider:account=1:filter.vpc-id=vpc-1:region=r:returnAsymmetricSubnets=true", Map.of(),
          "owner", "someone-else");

      assertThat(settings).isEqualTo(StackSettings.defaults());
    }
  }

  @Nested
  class RejectsBadNumbers {

    @Test
    void rejectsNonNumericMaxVcpus() {
      assertRejected("maxVcpus=abc is not allowed (allowed: a whole number from 1 to 10000)", "maxVcpus", "abc");
    }

    @Test
    void rejectsFractionalMaxVcpus() {
      assertRejected("maxVcpus=2.5 is not allowed (allowed: a whole number from 1 to 10000)", "maxVcpus", 2.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-4", "10001"})
    void rejectsMaxVcpusOutOfRange(String value) {
      assertRejected("maxVcpus=" + value + " is not allowed (allowed: a whole number from 1 to 10000)",
          "maxVcpus", value);
    }

    @Test
    void rejectsNegativeMinVcpus() {
      assertRejected("minVcpus=-1 is not allowed (allowed: a whole number from 0 to 10000)", "minVcpus", "-1");
    }

    @Test
    void rejectsZeroJobVcpus() {
      assertRejected("jobVcpus=0 is not allowed (allowed: a whole number from 1 to 256)", "jobVcpus", "0");
    }

    @Test
    void rejectsNonNumericJobMemory() {
      assertRejected("jobMemoryMiB=1g is not allowed (allowed: a whole number from 4 to 4194304)",
          "jobMemoryMiB", "1g");
    }

    @Test
    void rejectsAttemptTimeoutBelowBatchMinimum() {
      assertRejected("jobTimeoutSeconds=30 is not allowed (allowed: a whole number from 60 to 1209600)",
          "jobTimeoutSeconds", "30");
    }

    @Test
    void rejectsRunnableTimeoutOutsideBatchLimits() {
      assertRejected("runnableTimeoutSeconds=300 is not allowed (allowed: a whole number from 600 to 86400)",
          "runnableTimeoutSeconds", "300");
      assertRejected("runnableTimeoutSeconds=90000 is not allowed (allowed: a whole number from 600 to 86400)",
          "runnableTimeoutSeconds", "90000");
    }

    @Test
    void rejectsLogRetentionCloudWatchDoesNotOffer() {
      assertThatThrownBy(() -> parse("logRetentionDays", "10"))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("logRetentionDays=10 is not allowed (allowed: 1, 3, 5, 7, 14, 30,")
          .hasMessageEndingWith(", 3653)");
    }

    @Test
    void acceptsEveryLogRetentionCloudWatchOffers() {
      assertThat(parse("logRetentionDays", "731").logRetentionDays()).isEqualTo(731);
    }

    @Test
    void rejectsAnUpdateTimeoutOutsideBatchsRange() {
      assertRejected("updateTimeoutMinutes=0 is not allowed (allowed: a whole number from 1 to 360)",
          "updateTimeoutMinutes", "0");
      assertRejected("updateTimeoutMinutes=361 is not allowed (allowed: a whole number from 1 to 360)",
          "updateTimeoutMinutes", "361");
    }

    @Test
    void acceptsTheUpdateTimeoutsBounds() {
      assertThat(parse("updateTimeoutMinutes", "1").updateTimeoutMinutes()).isEqualTo(1);
      assertThat(parse("updateTimeoutMinutes", 360).updateTimeoutMinutes()).isEqualTo(360);
    }

    @Test
    void rejectsATerminateJobsOnUpdateThatIsNotABoolean() {
      assertRejected("terminateJobsOnUpdate=yes is not allowed (allowed: true or false)", "terminateJobsOnUpdate", "yes");
    }

    @Test
    void catchesATypoOfTheUpdatePolicyKeys() {
      assertThatThrownBy(() -> parse("updateTimeoutMinute", "10"))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("unknown context key 'updateTimeoutMinute': did you mean 'updateTimeoutMinutes'?");
      assertThatThrownBy(() -> parse("terminateJobOnUpdate", "true"))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("unknown context key 'terminateJobOnUpdate': did you mean 'terminateJobsOnUpdate'?");
    }
  }

  @Nested
  class RejectsInconsistentCapacity {

    @Test
    void rejectsMaxVcpusBelowMinVcpus() {
      assertRejected("maxVcpus=4 is below minVcpus=8 (allowed: maxVcpus >= minVcpus)", "minVcpus", "8", "maxVcpus", "4");
    }

    @Test
    void rejectsDesiredVcpusAboveMaxVcpus() {
      assertRejected("desiredVcpus=6 is outside [minVcpus, maxVcpus] = [0, 4]", "desiredVcpus", "6");
    }

    @Test
    void rejectsDesiredVcpusBelowMinVcpus() {
      assertRejected("desiredVcpus=1 is outside [minVcpus, maxVcpus] = [2, 4]", "minVcpus", "2", "desiredVcpus", "1");
    }

    @Test
    void rejectsAJobNeedingMoreVcpusThanMaxVcpus() {
      assertRejected("jobVcpus=8 exceeds maxVcpus=4: the job could never be placed and would stay RUNNABLE"
          + " (allowed: jobVcpus <= maxVcpus)", "jobVcpus", "8", "instanceTypes", "m7i.2xlarge");
    }

    @Test
    void rejectsAJobNeedingMoreVcpusThanTheLargestInstanceType() {
      assertRejected("a job of jobVcpus=4 and jobMemoryMiB=1024 fits none of instanceTypes=m7i.large,c7i.large"
          + " and would stay RUNNABLE (largest: m7i.large with 2 vCPU and 7953 MiB usable after the ECS/OS"
          + " overhead)", "jobVcpus", "4", "maxVcpus", "8", "instanceTypes", "m7i.large,c7i.large");
    }

    @Test
    void rejectsAJobAskingForTheNominalMemoryOfTheInstance() {
      assertRejected("a job of jobVcpus=2 and jobMemoryMiB=8192 fits none of instanceTypes=m7i.large and would"
          + " stay RUNNABLE (largest: m7i.large with 2 vCPU and 7953 MiB usable after the ECS/OS overhead)",
          "jobMemoryMiB", "8192");
    }

    @Test
    void acceptsAJobUsingExactlyTheUsableMemory() {
      assertThat(parse("jobMemoryMiB", "7953").jobMemoryMiB()).isEqualTo(7953);
    }

    @Test
    void resolvesAFamilyToItsLargestSizeForTheFitCheck() {
      assertThat(parse("instanceTypes", "m7i", "jobVcpus", "16", "maxVcpus", "16").jobVcpus()).isEqualTo(16);
    }

    @Test
    void checksTheFitOnTheFamiliesOfTheBundlesLikeBatch() {
      // default_arm64 goes up to 4xlarge here (16 vCPU); optimal now means the default_x86_64 families.
      assertThat(parse("instanceTypes", "default_arm64", "jobVcpus", "16", "maxVcpus", "16").jobVcpus()).isEqualTo(16);
      assertRejected("a job of jobVcpus=2 and jobMemoryMiB=300000 fits none of instanceTypes=optimal and would stay"
          + " RUNNABLE (largest: r6i.8xlarge with 32 vCPU and 255488 MiB usable after the ECS/OS overhead)",
          "instanceTypes", "optimal", "jobMemoryMiB", "300000");
    }

    @Test
    void skipsTheFitCheckWhenAnInstanceTypeIsUnknown() {
      StackSettings settings = parse("instanceTypes", "m7i.large,x9z.metal", "jobMemoryMiB", "100000");

      assertThat(settings.unknownInstanceTypes()).containsExactly("x9z.metal");
    }
  }

  @Nested
  class RejectsBadNamesAndChoices {

    @Test
    void rejectsUnknownAllocationStrategy() {
      assertRejected("allocationStrategy=FASTEST is not allowed (allowed: BEST_FIT, BEST_FIT_PROGRESSIVE,"
          + " SPOT_CAPACITY_OPTIMIZED, SPOT_PRICE_CAPACITY_OPTIMIZED)", "allocationStrategy", "FASTEST");
    }

    @Test
    void rejectsSpotOnlyStrategyForOnDemand() {
      assertRejected("allocationStrategy=SPOT_CAPACITY_OPTIMIZED is not allowed with spot=false"
          + " (allowed: BEST_FIT, BEST_FIT_PROGRESSIVE)", "spot", "false", "allocationStrategy", "SPOT_CAPACITY_OPTIMIZED");
    }

    @Test
    void rejectsSpotThatIsNotABoolean() {
      assertRejected("spot=yes is not allowed (allowed: true or false)", "spot", "yes");
    }

    @Test
    void rejectsAnEmptyInstanceTypeInTheList() {
      assertRejected("instanceTypes=m7i.large,,c7i.large: item '' is not allowed (allowed: instance types such as"
          + " m7i.large, families such as m7i, or default_x86_64, default_arm64, optimal, comma-separated)", "instanceTypes", "m7i.large,,c7i.large");
    }

    @Test
    void rejectsAnUnknownBareFamily() {
      assertRejected("instanceTypes=m7i.large,m7: family 'm7' is unknown (allowed: a type such as m7.large, a"
          + " family such as m7i, c7i, r7i, or default_x86_64, default_arm64, optimal)", "instanceTypes", "m7i.large,m7");
    }

    @Test
    void rejectsAMalformedVpcId() {
      assertRejected("vpcId=vpc-xyz is not allowed (allowed: vpc- and 8 or 17 hex digits)", "vpcId", "vpc-xyz");
    }

    @Test
    void rejectsASubnetIdGivenAsVpcId() {
      assertRejected("vpcId=subnet-12345678 is not allowed (allowed: vpc- and 8 or 17 hex digits)",
          "vpcId", "subnet-12345678");
    }

    @Test
    void rejectsAStackNameCloudFormationRefuses() {
      assertRejected("stackName=1lab is not allowed (allowed: 1-128 letters, digits and hyphens, starting with a letter)",
          "stackName", "1lab");
      for (String refused : new String[] {"lab_2", "-lab", "lab.2", "a".repeat(129)}) {
        assertThatThrownBy(() -> parse("stackName", refused)).as(refused).isInstanceOf(BadInputException.class);
      }
    }

    @Test
    void acceptsEveryStackNameCloudFormationAllows() {
      // CloudFormation: letters, digits and hyphens, starting with a letter, at most 128 characters.
      for (String allowed : new String[] {"L", "Lab-2", "lab--x-", "a".repeat(128)}) {
        assertThat(parse("stackName", allowed).stackName()).isEqualTo(allowed);
      }
    }

    @Test
    void rejectsANameThatMakesAnInvalidJobDefinitionName() {
      assertRejected("name=batch lab is not allowed (allowed: up to 124 letters, digits, '-' or '_', so that "
          + "name-job is a job definition name)", "name", "batch lab");
      for (String refused : new String[] {"lab.2", "läb", "a".repeat(125)}) {
        assertThatThrownBy(() -> parse("name", refused)).as(refused).isInstanceOf(BadInputException.class);
      }
      assertThat(parse("name", "a".repeat(124)).jobDefinitionName()).hasSize(128);
    }

    @Test
    void acceptsANameStartingWithAHyphenOrUnderscoreAsJobDefinitionNamesMay() {
      // RegisterJobDefinition: up to 128 letters, numbers, hyphens and underscores, with no rule for the first.
      assertThat(parse("name", "-lab").jobDefinitionName()).isEqualTo("-lab-job");
      assertThat(parse("name", "_lab").jobDefinitionName()).isEqualTo("_lab-job");
    }
  }

  @Nested
  class RejectsTyposOfKnownKeys {

    @Test
    void rejectsAMissingLetter() {
      assertThatThrownBy(() -> parse("maxVcpu", "20"))
          .isInstanceOf(BadInputException.class)
          .hasMessage("unknown context key 'maxVcpu': did you mean 'maxVcpus'? (known keys: " + ContextKey.allKeys() + ")");
    }

    @Test
    void rejectsWrongCase() {
      assertThatThrownBy(() -> parse("maxvcpus", "20"))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("unknown context key 'maxvcpus': did you mean 'maxVcpus'?");
    }

    @Test
    void rejectsATypoOfAShortKey() {
      assertThatThrownBy(() -> parse("spott", "false"))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("unknown context key 'spott': did you mean 'spot'?");
    }

    @Test
    void suggestsTheClosestKnownKey() {
      assertThat(ContextKey.typoOf("jobVcpu")).contains(ContextKey.JOB_VCPUS);
      assertThat(ContextKey.typoOf("instanceType")).contains(ContextKey.INSTANCE_TYPES);
      assertThat(ContextKey.typoOf("desiredVcpus")).isEmpty();
      assertThat(ContextKey.typoOf("region")).isEmpty();
    }
  }

  @Nested
  class QueuesAndFairShare {

    @Test
    void withoutTheNewKeysThereIsOneFifoQueue() {
      StackSettings settings = StackSettings.defaults();

      assertThat(settings.extraQueues()).isEmpty();
      assertThat(settings.fairShare()).isEmpty();
      assertThat(settings.schedulingPriority()).isEmpty();
    }

    @Test
    void parsesExtraQueuesInTheOrderGiven() {
      assertThat(parse("queues", "high:10, low:0").extraQueues())
          .containsExactly(new ExtraQueue("high", 10), new ExtraQueue("low", 0));
      assertThat(parse("queues", List.of("high:1000")).extraQueues()).containsExactly(new ExtraQueue("high", 1000));
    }

    @Test
    void parsesThePolicyAndTheSchedulingPriority() {
      StackSettings settings = parse("fairShare", "true", "shares", "teamA:1,teamB:0.5,ops*:0.0001",
          "shareDecaySeconds", "604800", "computeReservation", "99", "schedulingPriority", "9999");

      FairShareSettings policy = settings.fairShare().orElseThrow();
      assertThat(policy.shares()).containsExactly(new FairShareSettings.Share("teamA", 1),
          new FairShareSettings.Share("teamB", 0.5), new FairShareSettings.Share("ops*", 0.0001));
      assertThat(policy.shareDecaySeconds()).isEqualTo(OptionalInt.of(604_800));
      assertThat(policy.computeReservation()).isEqualTo(OptionalInt.of(99));
      assertThat(settings.schedulingPriority()).isEqualTo(OptionalInt.of(9999));
    }

    @Test
    void fairShareAloneIsAPolicyWithNoSharesDecayOrReservation() {
      FairShareSettings policy = parse("fairShare", true).fairShare().orElseThrow();

      assertThat(policy.shares()).isEmpty();
      assertThat(policy.shareDecaySeconds()).isEmpty();
      assertThat(policy.computeReservation()).isEmpty();
    }

    @Test
    void rejectsMalformedQueues() {
      String allowed = "(allowed: NAME:PRIORITY, comma-separated; NAME 1-40 letters and digits starting with a letter,"
          + " PRIORITY a whole number from 0 to 1000)";
      assertRejected("queues=high: item 'high' is not allowed " + allowed, "queues", "high");
      assertRejected("queues=high:1001: item 'high:1001' is not allowed " + allowed, "queues", "high:1001");
      assertRejected("queues=high-1:5: item 'high-1:5' is not allowed " + allowed, "queues", "high-1:5");
      assertRejected("queues=high:-1: item 'high:-1' is not allowed " + allowed, "queues", "high:-1");
    }

    @Test
    void rejectsADuplicateQueueAndTheDefaultQueuesName() {
      assertRejected("queues=high:10,High:5: queue 'High' is given twice (allowed: each name once, case-insensitively)",
          "queues", "high:10,High:5");
      assertRejected("queues=Default:5: 'Default' names the stack's own queue (allowed: any other name)",
          "queues", "Default:5");
    }

    @Test
    void rejectsPolicyKeysWithoutFairShare() {
      assertRejected("shares=teamA:1 needs fairShare=true: without it every queue is FIFO and has no scheduling "
          + "policy (allowed: add -c fairShare=true, or leave shares out)", "shares", "teamA:1");
      assertRejected("shareDecaySeconds=600 needs fairShare=true: without it every queue is FIFO and has no "
          + "scheduling policy (allowed: add -c fairShare=true, or leave shareDecaySeconds out)",
          "shareDecaySeconds", "600", "fairShare", "false");
      assertRejected("computeReservation=50 needs fairShare=true: without it every queue is FIFO and has no "
          + "scheduling policy (allowed: add -c fairShare=true, or leave computeReservation out)",
          "computeReservation", 50);
      assertRejected("schedulingPriority=5 needs fairShare=true: Batch orders jobs by schedulingPriority only in a "
          + "fair-share queue, and without it every queue is FIFO (allowed: add -c fairShare=true, or leave "
          + "schedulingPriority out)", "schedulingPriority", "5");
    }

    @Test
    void rejectsValuesOutsideAwssRanges() {
      assertRejected("shareDecaySeconds=604801 is not allowed (allowed: a whole number from 0 to 604800)",
          "fairShare", "true", "shareDecaySeconds", "604801");
      assertRejected("computeReservation=100 is not allowed (allowed: a whole number from 0 to 99)",
          "fairShare", "true", "computeReservation", "100");
      assertRejected("schedulingPriority=10000 is not allowed (allowed: a whole number from 0 to 9999)",
          "fairShare", "true", "schedulingPriority", "10000");
      assertRejected("shares=teamA:1000: weight factor 1000 of share 'teamA' is not allowed: 0.0001 to 999.9999",
          "fairShare", "true", "shares", "teamA:1000");
      assertRejected("shares=teamA:0.00001: weight factor 0.00001 of share 'teamA' is not allowed: 0.0001 to 999.9999",
          "fairShare", "true", "shares", "teamA:0.00001");
    }

    @Test
    void rejectsBadShareIdentifiersAndOverlaps() {
      assertRejected("shares=team-A:1: share identifier 'team-A' is not valid: 1-255 letters and digits, optionally "
          + "followed by *", "fairShare", "true", "shares", "team-A:1");
      assertRejected("shares=UserA*:1,UserA1:2: share identifiers 'UserA*' and 'UserA1' overlap: the identifiers of "
          + "one policy must not cover the same share", "fairShare", "true", "shares", "UserA*:1,UserA1:2");
      assertRejected("shares=teamA:1,teamA:2: share identifiers 'teamA' and 'teamA' overlap: the identifiers of one "
          + "policy must not cover the same share", "fairShare", "true", "shares", "teamA:1,teamA:2");
      assertRejected("shares=teamA:NaN: item 'teamA:NaN' is not allowed (allowed: ID:WEIGHT, comma-separated; ID "
          + "1-255 letters and digits, optionally followed by *; WEIGHT 0.0001 to 999.9999)",
          "fairShare", "true", "shares", "teamA:NaN");
      assertRejected("shares=teamA: item 'teamA' is not allowed (allowed: ID:WEIGHT, comma-separated; ID 1-255 "
          + "letters and digits, optionally followed by *; WEIGHT 0.0001 to 999.9999)",
          "fairShare", "true", "shares", "teamA");
    }

    @Test
    void rejectsMoreSharesThanAQueueCanHaveActive() {
      String shares = java.util.stream.IntStream.rangeClosed(1, 501).mapToObj(i -> "s" + i + ":1")
          .collect(java.util.stream.Collectors.joining(","));
      assertRejected("shares lists 501 shares (allowed: at most 500, the active shares a queue may have)",
          "fairShare", "true", "shares", shares);
    }

    @Test
    void catchesTyposOfTheNewKeys() {
      assertRejected("unknown context key 'fairshare': did you mean 'fairShare'? (known keys: " + ContextKey.allKeys()
          + ")", "fairshare", "true");
      assertRejected("unknown context key 'queue': did you mean 'queues'? (known keys: " + ContextKey.allKeys() + ")",
          "queue", "high:1");
    }
  }
}
