package batchlab.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What CloudFormation and Batch do when a property of an {@code AWS::Batch::*} resource changes: the
 * one definition used by the emulator's UpdateStack and by {@code batch-lab diff}. Sources:
 * <ul>
 *   <li>CloudFormation template reference, AWS::Batch::ComputeEnvironment / JobQueue / JobDefinition,
 *       "Update requires" of each property (Replacement, No interruption, Some interruptions);
 *   <li>Batch User Guide, "Update a compute environment": a scaling update changes only desiredvCpus,
 *       maxvCpus, minvCpus, serviceRole or state (and the scaling policy);
 *   <li>Batch User Guide, "Perform infrastructure updates": the settings that trigger one, and that it
 *       needs the service-linked role AWSServiceRoleForBatch and BEST_FIT_PROGRESSIVE,
 *       SPOT_CAPACITY_OPTIMIZED or SPOT_PRICE_CAPACITY_OPTIMIZED (else: a blue/green update);
 *   <li>CloudFormation template reference, ReplaceComputeEnvironment (default true): whether the
 *       compute environment is replaced when an update needs its instances replaced; and UpdatePolicy
 *       (TerminateJobsOnUpdate default false, JobExecutionTimeoutMinutes default 30).
 * </ul>
 * The rule chosen where AWS documents intent rather than an algorithm: an infrastructure-type change
 * with ReplaceComputeEnvironment true is a replacement (blue/green by CloudFormation, what the
 * property's text says); with false it is an infrastructure update when Batch allows one, else the
 * update fails (it may not replace). The requirement is checked on both the current and the new
 * allocation strategy, since Batch refuses to update a BEST_FIT environment and to update one to BEST_FIT.
 *
 * <p>Fair-share scheduling:
 * <ul>
 *   <li>CloudFormation template reference, AWS::Batch::SchedulingPolicy: FairsharePolicy "Update
 *       requires: No interruption" (weights, shareDecaySeconds, computeReservation change in place, as
 *       UpdateSchedulingPolicy does); Name and Tags "Update requires: Replacement";
 *   <li>AWS::Batch::JobQueue SchedulingPolicyArn is not a create-only property (the resource schema lists
 *       JobQueueName and Tags), so CloudFormation updates it in place with UpdateJobQueue, where the API
 *       Reference allows only this: "Once a job queue is created, the fair-share scheduling policy can be
 *       replaced but not removed" (UpdateJobQueue schedulingPolicyArn), and "A job queue without a
 *       fair-share scheduling policy is scheduled as a FIFO job queue and can't have a fair-share
 *       scheduling policy added" (CreateJobQueue schedulingPolicyArn).
 * </ul>
 * The rule chosen where AWS documents intent rather than behaviour: adding a policy to a FIFO queue or
 * removing a queue's policy in place is a failed update. AWS does not document whether CloudFormation's
 * handler reports an error or leaves the queue as it was; either way the stack cannot reach the template,
 * so {@code diff} says it will fail and how to get there (a queue with a new logical id).
 */
public final class UpdateRules {

  public static final String COMPUTE_ENVIRONMENT = "AWS::Batch::ComputeEnvironment";
  public static final String JOB_QUEUE = "AWS::Batch::JobQueue";
  public static final String JOB_DEFINITION = "AWS::Batch::JobDefinition";
  public static final String SCHEDULING_POLICY = "AWS::Batch::SchedulingPolicy";

  /** The job queue property naming its scheduling policy. */
  public static final String SCHEDULING_POLICY_ARN = "SchedulingPolicyArn";

  /** The service-linked role an infrastructure update needs (User Guide, "Perform infrastructure updates"). */
  public static final String SERVICE_LINKED_ROLE = "AWSServiceRoleForBatch";
  /** CloudFormation template reference, ReplaceComputeEnvironment: "The default value is true." */
  public static final boolean REPLACE_COMPUTE_ENVIRONMENT_DEFAULT = true;
  /** API Reference, UpdatePolicy.terminateJobsOnUpdate: "The default value is false." */
  public static final boolean TERMINATE_JOBS_ON_UPDATE_DEFAULT = false;
  /** API Reference, UpdatePolicy.jobExecutionTimeoutMinutes: "The default value is 30." */
  public static final int JOB_EXECUTION_TIMEOUT_MINUTES_DEFAULT = 30;

  /** The allocation strategies an infrastructure update accepts. */
  public static final Set<AllocationStrategy> INFRASTRUCTURE_UPDATE_STRATEGIES = Set.of(
      AllocationStrategy.BEST_FIT_PROGRESSIVE, AllocationStrategy.SPOT_CAPACITY_OPTIMIZED,
      AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED);

  /** What a change of one property means before the resource as a whole is judged. */
  public enum PropertyRule {
    IN_PLACE, SCALING, INFRASTRUCTURE, REPLACEMENT, NEW_REVISION, CLOUDFORMATION
  }

  /** Compute environment: top-level properties (template reference "Update requires"). */
  private static final Map<String, PropertyRule> COMPUTE_ENVIRONMENT_RULES = Map.ofEntries(
      Map.entry("ComputeEnvironmentName", PropertyRule.REPLACEMENT),
      Map.entry("Type", PropertyRule.REPLACEMENT),
      Map.entry("Tags", PropertyRule.REPLACEMENT),
      Map.entry("EksConfiguration", PropertyRule.REPLACEMENT),
      Map.entry("ComputeResources", PropertyRule.REPLACEMENT),
      Map.entry("State", PropertyRule.SCALING),
      Map.entry("ServiceRole", PropertyRule.SCALING),
      Map.entry("UpdatePolicy", PropertyRule.IN_PLACE),
      Map.entry("ReplaceComputeEnvironment", PropertyRule.IN_PLACE),
      Map.entry("UnmanagedvCpus", PropertyRule.IN_PLACE),
      Map.entry("Context", PropertyRule.IN_PLACE));

  /**
   * Compute environment: the ComputeResources settings of a scaling update (User Guide); every other
   * ComputeResources setting triggers an infrastructure update ("Perform infrastructure updates" lists
   * allocationStrategy, instanceTypes, bidPercentage, type, imageId, ec2Configuration, launchTemplate,
   * ec2KeyPair, updateToLatestImageVersion, subnets, securityGroupIds, placementGroup, instanceRole, tags).
   */
  private static final Set<String> SCALING_RESOURCES = Set.of("MinvCpus", "MaxvCpus", "DesiredvCpus", "ScalingPolicy");

  /** Job queue: the properties whose change replaces it; all others update in place. */
  private static final Set<String> JOB_QUEUE_REPLACEMENT = Set.of("JobQueueName", "Tags", "JobQueueType");

  /** Scheduling policy: the properties updated in place (template reference); all others replace it. */
  private static final Set<String> SCHEDULING_POLICY_IN_PLACE = Set.of("FairsharePolicy");

  /** The name property of each Batch type: a fixed one makes replacement fail. */
  private static final Map<String, String> NAME_PROPERTY = Map.of(
      COMPUTE_ENVIRONMENT, "ComputeEnvironmentName", JOB_QUEUE, "JobQueueName", JOB_DEFINITION, "JobDefinitionName",
      SCHEDULING_POLICY, "Name");

  private UpdateRules() {}

  /** Whether CloudFormation type {@code type} is one of the Batch resources these rules cover. */
  public static boolean isBatch(String type) {
    return NAME_PROPERTY.containsKey(type);
  }

  /**
   * The rule for a changed property of {@code type}: {@code property} is a top-level property, or
   * {@code ComputeResources.<Setting>} for a compute environment's compute resources.
   */
  public static PropertyRule rule(String type, String property) {
    return switch (type) {
      case COMPUTE_ENVIRONMENT -> property.startsWith("ComputeResources.")
          ? (SCALING_RESOURCES.contains(property.substring("ComputeResources.".length()))
              ? PropertyRule.SCALING : PropertyRule.INFRASTRUCTURE)
          // A property these rules do not know: replacement, the conservative reading.
          : COMPUTE_ENVIRONMENT_RULES.getOrDefault(property, PropertyRule.REPLACEMENT);
      case JOB_QUEUE -> JOB_QUEUE_REPLACEMENT.contains(property) ? PropertyRule.REPLACEMENT : PropertyRule.IN_PLACE;
      // Name, Tags and any property these rules do not know (QuotaSharePolicy): replacement.
      case SCHEDULING_POLICY -> SCHEDULING_POLICY_IN_PLACE.contains(property)
          ? PropertyRule.IN_PLACE : PropertyRule.REPLACEMENT;
      // Template reference: every JobDefinition property "Update requires: Replacement", which for a
      // job definition means the next revision (the old one is deregistered).
      case JOB_DEFINITION -> PropertyRule.NEW_REVISION;
      default -> PropertyRule.CLOUDFORMATION;
    };
  }

  /** The property holding a Batch resource's explicit name, e.g. ComputeEnvironmentName. */
  public static String nameProperty(String type) {
    return NAME_PROPERTY.get(type);
  }

  /**
   * Why Batch refuses an infrastructure update, or empty when it accepts one: it needs the
   * service-linked role (no serviceRole, or AWSServiceRoleForBatch) and one of
   * {@link #INFRASTRUCTURE_UPDATE_STRATEGIES}, before and after. A missing strategy is BEST_FIT, the API's default.
   */
  public static Optional<String> infrastructureUpdateRefusal(String serviceRole, String currentStrategy,
      String newStrategy) {
    if (serviceRole != null && !serviceRole.isBlank() && !serviceRole.endsWith("/" + SERVICE_LINKED_ROLE)
        && !serviceRole.equals(SERVICE_LINKED_ROLE)) {
      return Optional.of("Infrastructure updates need the service-linked role " + SERVICE_LINKED_ROLE
          + ", not serviceRole " + serviceRole + "; use a blue/green update (a new compute environment)");
    }
    for (String strategy : new String[] {currentStrategy, newStrategy}) {
      AllocationStrategy parsed = strategy == null ? AllocationStrategy.BEST_FIT
          : AllocationStrategy.parse(strategy).orElse(AllocationStrategy.BEST_FIT);
      if (!INFRASTRUCTURE_UPDATE_STRATEGIES.contains(parsed)) {
        return Optional.of("Infrastructure updates are not supported for compute environments using the "
            + parsed + " allocation strategy (allowed: BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED, "
            + "SPOT_PRICE_CAPACITY_OPTIMIZED); use a blue/green update (a new compute environment)");
      }
    }
    return Optional.empty();
  }

  /**
   * Why Batch refuses to update a queue's scheduling policy in place, or empty when it accepts it: a
   * policy may be replaced by another, but a FIFO queue cannot get one and a fair-share queue cannot lose
   * its own. {@code hadPolicy} and {@code hasPolicy}: whether SchedulingPolicyArn is set before and after.
   */
  public static Optional<String> schedulingPolicyRefusal(boolean hadPolicy, boolean hasPolicy) {
    if (!hadPolicy && hasPolicy) {
      return Optional.of("A job queue without a fair-share scheduling policy (FIFO) can't have one added "
          + "(CreateJobQueue schedulingPolicyArn); create a new queue instead (a new logical id)");
    }
    if (hadPolicy && !hasPolicy) {
      return Optional.of("A job queue's fair-share scheduling policy can be replaced but not removed "
          + "(UpdateJobQueue schedulingPolicyArn); create a new queue instead (a new logical id)");
    }
    return Optional.empty();
  }

  /** CloudFormation's message when a resource with a fixed name would have to be replaced. */
  public static String customNameReplacement(String name) {
    return "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename "
        + name + " and update the stack again.";
  }

  /**
   * A compute environment's UpdatePolicy (template property or API field; either spelling), with
   * AWS's defaults for what it leaves out.
   */
  public record UpdatePolicy(boolean terminateJobsOnUpdate, int jobExecutionTimeoutMinutes) {

    public static final UpdatePolicy DEFAULT =
        new UpdatePolicy(TERMINATE_JOBS_ON_UPDATE_DEFAULT, JOB_EXECUTION_TIMEOUT_MINUTES_DEFAULT);

    public static UpdatePolicy of(JsonNode policy) {
      if (policy == null || !policy.isObject()) {
        return DEFAULT;
      }
      JsonNode terminate = field(policy, "TerminateJobsOnUpdate");
      JsonNode timeout = field(policy, "JobExecutionTimeoutMinutes");
      return new UpdatePolicy(
          terminate == null ? TERMINATE_JOBS_ON_UPDATE_DEFAULT : terminate.asBoolean(),
          timeout == null || timeout.asInt(0) <= 0 ? JOB_EXECUTION_TIMEOUT_MINUTES_DEFAULT : timeout.asInt());
    }

    private static JsonNode field(JsonNode policy, String pascal) {
      JsonNode value = policy.get(pascal);
      if (value == null) {
        value = policy.get(Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1));
      }
      return value == null || value.isNull() ? null : value;
    }
  }
}
