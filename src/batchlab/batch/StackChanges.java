package batchlab.batch;

import java.util.List;
import java.util.Optional;

/** Everything an update from one template to another does, resource by resource ({@link TemplateDiff}). */
public record StackChanges(List<ResourceChange> resources) {

  public StackChanges {
    resources = List.copyOf(resources);
  }

  /** Nothing to do: CloudFormation answers "No updates are to be performed." */
  public boolean empty() {
    return resources.isEmpty();
  }

  public boolean fails() {
    return resources.stream().anyMatch(r -> r.kind().fails());
  }

  /** Whether running jobs may be stopped by the update (instances replaced, environments or queues deleted). */
  public boolean interruptsRunningWork() {
    return resources.stream().anyMatch(r -> r.kind().interruptsRunningWork());
  }

  /** The change to {@code logicalId}, if the update touches it. */
  public Optional<ResourceChange> resource(String logicalId) {
    return resources.stream().filter(r -> r.logicalId().equals(logicalId)).findFirst();
  }
}
