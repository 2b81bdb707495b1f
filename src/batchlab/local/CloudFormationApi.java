package batchlab.local;

import batchlab.util.Markup;
import java.time.Instant;
import java.util.Map;

/**
 * CloudFormation's query protocol ({@code Action=DescribeStacks&Version=2010-05-15}), answering
 * with the loaded stack and its resolved Outputs in CloudFormation's XML, so stack discovery code
 * works unchanged against the emulator.
 */
final class CloudFormationApi {

  static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

  private final LoadedStack stack;

  CloudFormationApi(LoadedStack stack) {
    this.stack = stack;
  }

  /** Returns the XML document for {@code form} (the decoded query parameters). */
  String handle(Map<String, String> form, String requestId) {
    String action = form.get("Action");
    if (!"DescribeStacks".equals(action)) {
      throw new ApiException(400, "InvalidAction",
          "Action " + action + " is not supported by the batch-lab emulator's CloudFormation endpoint; "
              + "supported: DescribeStacks");
    }
    String wanted = form.get("StackName");
    if (stack == null || (wanted != null && !wanted.equals(stack.stackName()) && !wanted.equals(stack.stackId()))) {
      throw new ApiException(400, "ValidationError", "Stack with id " + (wanted == null ? "" : wanted) + " does not exist");
    }
    StringBuilder xml = new StringBuilder(1024);
    xml.append("<DescribeStacksResponse xmlns=\"").append(NAMESPACE).append("\">")
        .append("<DescribeStacksResult><Stacks><member>")
        .append(element("StackName", stack.stackName()))
        .append(element("StackId", stack.stackId()))
        .append(element("CreationTime", Instant.ofEpochMilli(stack.createdAt()).toString()))
        .append(element("StackStatus", "CREATE_COMPLETE"))
        .append("<Outputs>");
    for (LoadedStack.Output output : stack.outputs()) {
      xml.append("<member>").append(element("OutputKey", output.key())).append(element("OutputValue", output.value()));
      if (output.description() != null) {
        xml.append(element("Description", output.description()));
      }
      if (output.exportName() != null) {
        xml.append(element("ExportName", output.exportName()));
      }
      xml.append("</member>");
    }
    xml.append("</Outputs><Tags/><EnableTerminationProtection>false</EnableTerminationProtection>")
        .append("</member></Stacks></DescribeStacksResult>")
        .append("<ResponseMetadata>").append(element("RequestId", requestId)).append("</ResponseMetadata>")
        .append("</DescribeStacksResponse>");
    return xml.toString();
  }

  /** The query protocol's error document. */
  static String error(ApiException error, String requestId) {
    String type = error.status() >= 500 ? "Receiver" : "Sender";
    return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error>" + element("Type", type)
        + element("Code", error.code()) + element("Message", error.getMessage()) + "</Error>"
        + element("RequestId", requestId) + "</ErrorResponse>";
  }

  private static String element(String name, String value) {
    return "<" + name + ">" + Markup.escape(value) + "</" + name + ">";
  }
}
