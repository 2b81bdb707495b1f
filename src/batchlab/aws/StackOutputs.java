package batchlab.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The deployed stack's outputs, read with CloudFormation DescribeStacks. The output keys are the
 * contract with the CDK stack: {@code LabContract.OUTPUT_*}.
 */
public record StackOutputs(String stackName, String status, Map<String, String> outputs) {

  public StackOutputs {
    outputs = Map.copyOf(outputs);
  }

  /**
   * Reads the stack, failing with what to do when it does not exist: on AWS deploy it, on the local
   * emulator (a loopback endpoint, which serves the one stack it was started with) use that stack.
   */
  public static StackOutputs describe(AwsClients clients, String stackName, Retry retry) {
    CloudFormationClient cloudFormation = clients.cloudFormation();
    Stack stack;
    try {
      stack = retry.call("cloudformation:DescribeStacks",
          () -> cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0));
    } catch (SubmitException e) {
      if (e.getCause() instanceof AwsServiceException s && notFound(s)) {
        String advice = clients.loopback() ? emulatorAdvice(cloudFormation, stackName)
            : "deploy it first with: npx cdk deploy " + stackName;
        throw new SubmitException("stack " + stackName + " not found at " + retry.target() + ": " + advice
            + " (or pass --job-queue and --job-definition)", e);
      }
      throw e;
    }
    String status = stack.stackStatusAsString();
    if (status != null && (status.endsWith("_IN_PROGRESS") && status.startsWith("CREATE")
        || status.endsWith("FAILED") || status.equals("ROLLBACK_COMPLETE") || status.startsWith("DELETE"))) {
      throw new SubmitException("stack " + stackName + " is " + status
          + ": wait for it or redeploy it with: npx cdk deploy " + stackName);
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Output output : stack.outputs()) {
      outputs.put(output.outputKey(), output.outputValue());
    }
    return new StackOutputs(stackName, status, outputs);
  }

  public Optional<String> output(String key) {
    return Optional.ofNullable(outputs.get(key)).filter(v -> !v.isBlank());
  }

  /** The first of {@code keys} the stack has, or a clear error naming them. */
  public String require(String what, String... keys) {
    for (String key : keys) {
      Optional<String> value = output(key);
      if (value.isPresent()) {
        return value.get();
      }
    }
    throw new SubmitException("stack " + stackName + " has no output " + String.join(" or ", keys)
        + " naming the " + what + ": is it a batch-lab stack? (outputs: " + String.join(", ", outputs.keySet()) + ")");
  }

  /** A local emulator serves the stack it was started with: name it, or say how to start one with this name. */
  private static String emulatorAdvice(CloudFormationClient cloudFormation, String stackName) {
    String restart = "./batch-lab local -c stackName=" + stackName;
    try {
      List<String> served = cloudFormation.describeStacks().stacks().stream().map(Stack::stackName).toList();
      if (!served.isEmpty()) {
        return "the local emulator there serves " + String.join(", ", served) + ": pass --stack " + served.get(0)
            + ", or restart it as " + restart;
      }
    } catch (SdkException e) {
      // Not an emulator that lists its stacks: the general advice below still holds.
    }
    return "start the local emulator with that stack: " + restart;
  }

  private static boolean notFound(AwsServiceException e) {
    String message = AwsFailures.message(e);
    return e.statusCode() == 400 && message.contains("does not exist");
  }
}
