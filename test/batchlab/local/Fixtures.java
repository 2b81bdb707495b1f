package batchlab.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.JobDependency;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;
import software.amazon.awssdk.services.batch.model.ResourceType;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The template fixture and real AWS SDK v2 clients pointed at an emulator (dummy static credentials). */
final class Fixtures {

  private Fixtures() {}

  // Built values rather than the SDK's Consumer varargs, which javac flags as unchecked generic arrays.

  static ResourceRequirement vcpus(int value) {
    return ResourceRequirement.builder().type(ResourceType.VCPU).value(String.valueOf(value)).build();
  }

  static ResourceRequirement memory(int mib) {
    return ResourceRequirement.builder().type(ResourceType.MEMORY).value(String.valueOf(mib)).build();
  }

  static JobDependency after(String jobId) {
    return JobDependency.builder().jobId(jobId).build();
  }

  static ComputeEnvironmentOrder first(String computeEnvironment) {
    return ComputeEnvironmentOrder.builder().order(1).computeEnvironment(computeEnvironment).build();
  }

  /** Hand-written template shaped like the CDK synthesis, exercising more intrinsic functions. */
  static String articleTemplate() {
    try (InputStream in = Fixtures.class.getResourceAsStream("article-stack.template.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final StaticCredentialsProvider DUMMY =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret"));

  /** Retries off, so tests see every error the emulator returns. */
  private static final ClientOverrideConfiguration NO_RETRIES =
      ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)).build();

  static BatchClient batch(BatchEmulator emulator) {
    return BatchClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(DUMMY).overrideConfiguration(NO_RETRIES).build();
  }

  static EcsClient ecs(BatchEmulator emulator) {
    return EcsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(DUMMY).overrideConfiguration(NO_RETRIES).build();
  }

  static Ec2Client ec2(BatchEmulator emulator) {
    return Ec2Client.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(DUMMY).overrideConfiguration(NO_RETRIES).build();
  }

  static CloudFormationClient cloudFormation(BatchEmulator emulator) {
    return CloudFormationClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(DUMMY).overrideConfiguration(NO_RETRIES).build();
  }
}
