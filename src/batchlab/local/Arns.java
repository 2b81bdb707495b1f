package batchlab.local;

/** ARNs of the emulated account, in the forms AWS uses. */
record Arns(String region, String account) {

  static final String DEFAULT_ACCOUNT = "000000000000";

  String batch(String resource) {
    return "arn:aws:batch:" + region + ":" + account + ":" + resource;
  }

  String computeEnvironment(String name) {
    return batch("compute-environment/" + name);
  }

  String jobQueue(String name) {
    return batch("job-queue/" + name);
  }

  String jobDefinition(String name, int revision) {
    return batch("job-definition/" + name + ":" + revision);
  }

  String schedulingPolicy(String name) {
    return batch("scheduling-policy/" + name);
  }

  String job(String id) {
    return batch("job/" + id);
  }

  String ecs(String resource) {
    return "arn:aws:ecs:" + region + ":" + account + ":" + resource;
  }
}
