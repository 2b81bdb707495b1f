package batchlab.submit;

import batchlab.aws.Pages;
import batchlab.aws.Retry;
import batchlab.aws.SubmitException;
import batchlab.batch.LabContract;
import batchlab.run.JobShape;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.DescribeJobDefinitionsResponse;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;

/**
 * A job definition revision: its ARN, status, default parameters and the vCPUs/memory one job asks
 * for (null for definitions that are not plain containers: multi-node, EKS, ECS task properties).
 */
public record JobDefinitionInfo(String arn, String name, int revision, String status, Map<String, String> parameters,
    Integer vcpus, Integer memoryMiB) {

  public JobDefinitionInfo {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  /**
   * Finds the revision SubmitJob would use: the given one for {@code name:revision} or an ARN, the
   * latest ACTIVE one for a bare name. Fails clearly when there is none or it is inactive.
   */
  public static JobDefinitionInfo describe(BatchClient batch, String jobDefinition, Retry retry) {
    boolean exact = jobDefinition.contains(":");
    List<JobDefinition> found = Pages.all(
        token -> retry.call("batch:DescribeJobDefinitions", () -> batch.describeJobDefinitions(r -> {
          if (exact) {
            r.jobDefinitions(jobDefinition);
          } else {
            r.jobDefinitionName(jobDefinition);
          }
          r.nextToken(token);
        })),
        DescribeJobDefinitionsResponse::jobDefinitions, DescribeJobDefinitionsResponse::nextToken);
    if (found.isEmpty()) {
      throw new SubmitException("job definition " + jobDefinition + " not found at " + retry.target()
          + ": check --job-definition or the stack's JobDefinitionArn output");
    }
    List<JobDefinition> active = found.stream().filter(d -> "ACTIVE".equalsIgnoreCase(d.status())).toList();
    if (active.isEmpty()) {
      JobDefinition latest = found.stream().max(Comparator.comparing(JobDefinition::revision)).orElseThrow();
      throw new SubmitException("job definition " + jobDefinition + " is " + latest.status()
          + " (deregistered): redeploy the stack (npx cdk deploy) or pass an ACTIVE one with --job-definition");
    }
    JobDefinition chosen = active.stream().max(Comparator.comparing(JobDefinition::revision)).orElseThrow();
    ContainerProperties container = chosen.containerProperties();
    return new JobDefinitionInfo(chosen.jobDefinitionArn(), chosen.jobDefinitionName(), chosen.revision(),
        chosen.status(), chosen.parameters(), container == null ? null : vcpus(container),
        container == null ? null : memory(container));
  }

  /** The job shape after parameter overrides; null when this definition's size is not known. */
  public JobShape shape(Map<String, String> overrides) {
    if (vcpus == null || memoryMiB == null || vcpus < 1 || memoryMiB < 1) {
      return null;
    }
    return new JobShape(vcpus, memoryMiB, seconds(overrides));
  }

  /** How long a job runs: the {@code seconds} parameter (override, else default), if it is a whole number. */
  public Duration seconds(Map<String, String> overrides) {
    String value = overrides.getOrDefault(LabContract.SECONDS_PARAMETER, parameters.get(LabContract.SECONDS_PARAMETER));
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer vcpus(ContainerProperties container) {
    return requirement(container.resourceRequirements(), "VCPU")
        .map(v -> (int) Math.ceil(Double.parseDouble(v)))
        .orElse(container.vcpus());
  }

  private static Integer memory(ContainerProperties container) {
    return requirement(container.resourceRequirements(), "MEMORY")
        .map(v -> (int) Math.ceil(Double.parseDouble(v)))
        .orElse(container.memory());
  }

  private static java.util.Optional<String> requirement(List<ResourceRequirement> requirements, String type) {
    return requirements.stream().filter(r -> type.equals(r.typeAsString())).map(ResourceRequirement::value)
        .findFirst();
  }
}
