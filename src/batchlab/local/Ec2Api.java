package batchlab.local;

import batchlab.util.Markup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The slice of Amazon EC2 (query protocol, {@code Action=DescribeInstances}) a watcher needs to time
 * an instance's boot: each instance's {@code launchTime} (when the fleet launched it) and state.
 * Only {@code InstanceId.N} selects; the emulator keeps terminated instances, as EC2 shows them for a
 * while after termination.
 */
final class Ec2Api {

  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private final Registry registry;

  Ec2Api(Registry registry) {
    this.registry = registry;
  }

  static boolean handles(String action) {
    return "DescribeInstances".equals(action);
  }

  String handle(Map<String, String> form, String requestId) {
    List<String> wanted = new ArrayList<>();
    for (int n = 1; form.containsKey("InstanceId." + n); n++) {
      wanted.add(form.get("InstanceId." + n));
    }
    if (form.keySet().stream().anyMatch(k -> k.startsWith("Filter."))) {
      throw new ApiException(400, "InvalidParameterValue", "Filter is not supported by the batch-lab emulator's "
          + "EC2 endpoint: select instances with InstanceId");
    }
    List<Instance> found = new ArrayList<>();
    for (ComputeEnvironment ce : registry.environments()) {
      ce.liveInstances.values().forEach(found::add);
      found.addAll(ce.terminatedInstances);
    }
    if (!wanted.isEmpty()) {
      for (String id : wanted) {
        if (found.stream().noneMatch(i -> i.ec2InstanceId.equals(id))) {
          throw new ApiException(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
      }
      found.removeIf(i -> !wanted.contains(i.ec2InstanceId));
    }
    StringBuilder xml = new StringBuilder(256 + 400 * found.size());
    xml.append("<DescribeInstancesResponse xmlns=\"").append(NAMESPACE).append("\">")
        .append(element("requestId", requestId)).append("<reservationSet>");
    for (Instance instance : found) {
      boolean live = instance.live();
      xml.append("<item>").append(element("reservationId", "r-" + instance.ec2InstanceId.substring(2)))
          .append(element("ownerId", "000000000000")).append("<instancesSet><item>")
          .append(element("instanceId", instance.ec2InstanceId))
          .append(element("instanceType", instance.type.name()))
          .append(element("launchTime", Instant.ofEpochMilli(instance.launchedAt).toString()))
          .append("<instanceState>").append(element("code", live ? "16" : "48"))
          .append(element("name", live ? "running" : "terminated")).append("</instanceState>")
          .append(instance.spot ? element("instanceLifecycle", "spot") : "")
          .append("</item></instancesSet></item>");
    }
    xml.append("</reservationSet></DescribeInstancesResponse>");
    return xml.toString();
  }

  /** EC2's query error document (unlike CloudFormation's, it nests Errors in Response). */
  static String error(ApiException error, String requestId) {
    return "<Response><Errors><Error>" + element("Code", error.code()) + element("Message", error.getMessage())
        + "</Error></Errors>" + element("RequestID", requestId) + "</Response>";
  }

  private static String element(String name, String value) {
    return "<" + name + ">" + Markup.escape(value) + "</" + name + ">";
  }
}
