package batchlab.local;

import java.util.Locale;

/**
 * Which API calls only read: AWS names them Describe*, List* and Get* in Batch, ECS and
 * CloudFormation alike. Every other call (Submit, Create, Update, Cancel, Terminate, Register,
 * Deregister, Tag, CloudFormation's UpdateStack...) changes state and holds the clock at real speed.
 */
final class ReadOnlyCalls {

  private ReadOnlyCalls() {}

  /** {@code operation}: the operation's name in any case, e.g. {@code describejobs} or {@code DescribeStacks}. */
  static boolean isReadOnly(String operation) {
    String name = operation.toLowerCase(Locale.ROOT);
    return name.startsWith("describe") || name.startsWith("list") || name.startsWith("get");
  }
}
