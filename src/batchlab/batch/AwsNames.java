package batchlab.batch;

import batchlab.util.BadInputException;
import java.util.regex.Pattern;

/**
 * Names AWS defines the shape of, checked the same way by every part (the stack, the emulator and the
 * client): Region codes, CloudFormation stack names, Batch names and account ids.
 */
public final class AwsNames {

  /** Region codes such as us-east-1, eu-central-2, ap-southeast-10, us-gov-west-1. */
  public static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  /** CloudFormation stack names (CloudFormation User Guide: stack name constraints). */
  public static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
  public static final String STACK_NAME_RULE = "1-128 letters, digits and hyphens, starting with a letter";

  /**
   * Batch compute environment, job queue and job definition names: 1-128 letters, digits, hyphens
   * and underscores, any of them first (API Reference: CreateComputeEnvironment, CreateJobQueue,
   * RegisterJobDefinition).
   */
  public static final Pattern BATCH_RESOURCE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  public static final String BATCH_RESOURCE_NAME_RULE = "1-128 letters, numbers, hyphens and underscores";

  /** Batch job names: the same, but the first character must be a letter or digit (API Reference: SubmitJob). */
  public static final Pattern BATCH_JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
  public static final String BATCH_JOB_NAME_RULE = BATCH_RESOURCE_NAME_RULE + ", starting with a letter or number";

  /** AWS account ids: 12 digits. */
  public static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private AwsNames() {}

  /** Returns {@code region} or throws a one-line BadInputException naming it. */
  public static String requireRegion(String region) {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new BadInputException("region '" + region + "' is not an AWS Region code such as us-east-1");
    }
    return region;
  }

  /** Returns {@code name} or throws a one-line BadInputException naming it. */
  public static String requireStackName(String name) {
    if (name == null || !STACK_NAME.matcher(name).matches()) {
      throw new BadInputException("stack name '" + name + "' is not valid: " + STACK_NAME_RULE);
    }
    return name;
  }

  /** Returns {@code account} or throws a one-line BadInputException naming it. */
  public static String requireAccount(String account) {
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      throw new BadInputException("account '" + account + "' must be 12 digits");
    }
    return account;
  }
}
