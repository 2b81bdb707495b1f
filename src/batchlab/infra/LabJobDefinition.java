package batchlab.infra;

import batchlab.batch.BatchLimits;
import batchlab.batch.LabContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.batch.Action;
import software.amazon.awscdk.services.batch.CustomReason;
import software.amazon.awscdk.services.batch.EcsEc2ContainerDefinition;
import software.amazon.awscdk.services.batch.EcsJobDefinition;
import software.amazon.awscdk.services.batch.Reason;
import software.amazon.awscdk.services.batch.RetryStrategy;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The job definition of the experiment: the job image built from a directory as a CDK asset, run as
 * {@code python sleep_example.py <seconds>} with the {@code seconds} parameter (overridable per job),
 * logs in a log group that is removed with the stack, retried only when a spot host was reclaimed.
 */
public final class LabJobDefinition extends Construct {

  /** The script with the job parameter {@link LabContract#SECONDS_PARAMETER}; SubmitJob may override it per job. */
  public static final List<String> COMMAND =
      List.of("python", "sleep_example.py", "Ref::" + LabContract.SECONDS_PARAMETER);

  private final EcsJobDefinition jobDefinition;
  private final LogGroup logGroup;

  public LabJobDefinition(Construct scope, String id, Props props) {
    super(scope, id);
    props.validate();
    logGroup = LogGroup.Builder.create(this, "LogGroup")
        .retention(LogRetention.of(props.logRetentionDays()))
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
    EcsEc2ContainerDefinition container = EcsEc2ContainerDefinition.Builder.create(this, "Container")
        .image(ContainerImage.fromAsset(props.imageDirectory().toString(),
            // Instances are x86_64 (m/c/r 5-7i); build for them even on an ARM workstation.
            AssetImageProps.builder().platform(Platform.LINUX_AMD64).build()))
        .cpu(props.vcpus())
        .memory(Size.mebibytes(props.memoryMiB()))
        .command(COMMAND)
        .readonlyRootFilesystem(true)
        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
            .logGroup(logGroup)
            .streamPrefix(props.name())
            .build()))
        .build();
    jobDefinition = EcsJobDefinition.Builder.create(this, "Resource")
        .jobDefinitionName(props.name())
        .container(container)
        .parameters(Map.of(LabContract.SECONDS_PARAMETER, Integer.toString(LabContract.DEFAULT_JOB_SECONDS)))
        .retryAttempts(LabContract.RETRY_ATTEMPTS)
        .retryStrategies(List.of(
            RetryStrategy.of(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED),
            // Without a catch-all EXIT, an attempt matching no entry would be retried.
            RetryStrategy.of(Action.EXIT, Reason.custom(CustomReason.builder().onReason("*").build()))))
        .timeout(Duration.seconds(props.timeoutSeconds()))
        // Null leaves SchedulingPriority out, as in the article.
        .schedulingPriority(props.schedulingPriority())
        .build();
  }

  public EcsJobDefinition jobDefinition() {
    return jobDefinition;
  }

  public LogGroup logGroup() {
    return logGroup;
  }

  /** Name, image and size of the job, and its schedulingPriority in a fair-share queue (null: none). */
  public record Props(String name, Path imageDirectory, int vcpus, int memoryMiB, int timeoutSeconds,
      int logRetentionDays, Integer schedulingPriority) {

    public static Builder builder() {
      return new Builder();
    }

    void validate() {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(imageDirectory, "imageDirectory");
      if (!Files.isRegularFile(imageDirectory.resolve("Dockerfile"))) {
        throw new IllegalArgumentException("job image directory " + imageDirectory + " has no Dockerfile");
      }
      if (vcpus < 1 || memoryMiB < 4) {
        throw new IllegalArgumentException(
            "a job needs at least 1 vCPU and 4 MiB, got " + vcpus + " vCPU / " + memoryMiB + " MiB");
      }
      if (timeoutSeconds < BatchLimits.ATTEMPT_TIMEOUT_MIN_SECONDS) {
        throw new IllegalArgumentException("attempt timeout " + timeoutSeconds + " s is below Batch's minimum of "
            + BatchLimits.ATTEMPT_TIMEOUT_MIN_SECONDS + " s");
      }
      LogRetention.of(logRetentionDays);
      if (schedulingPriority != null && (schedulingPriority < 0 || schedulingPriority > BatchLimits.PRIORITY_MAX)) {
        throw new IllegalArgumentException("scheduling priority " + schedulingPriority + " is outside 0.."
            + BatchLimits.PRIORITY_MAX);
      }
    }

    public static final class Builder {
      private String name;
      private Path imageDirectory;
      private int vcpus;
      private int memoryMiB;
      private int timeoutSeconds;
      private int logRetentionDays;
      private Integer schedulingPriority;

      public Builder name(String name) {
        this.name = name;
        return this;
      }

      public Builder imageDirectory(Path imageDirectory) {
        this.imageDirectory = imageDirectory;
        return this;
      }

      public Builder vcpus(int vcpus) {
        this.vcpus = vcpus;
        return this;
      }

      public Builder memoryMiB(int memoryMiB) {
        this.memoryMiB = memoryMiB;
        return this;
      }

      public Builder timeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
        return this;
      }

      public Builder logRetentionDays(int logRetentionDays) {
        this.logRetentionDays = logRetentionDays;
        return this;
      }

      public Builder schedulingPriority(Integer schedulingPriority) {
        this.schedulingPriority = schedulingPriority;
        return this;
      }

      public Props build() {
        return new Props(name, imageDirectory, vcpus, memoryMiB, timeoutSeconds, logRetentionDays, schedulingPriority);
      }
    }
  }
}
