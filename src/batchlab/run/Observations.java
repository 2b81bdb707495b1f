package batchlab.run;

import java.util.List;

/**
 * What a watch recorded for calibration beyond the timeline ({@code observations.json}): every
 * container instance with its launch, registration and departure, every attempt's ECS task times,
 * and what could not be recorded (a missing permission, say) in plain words.
 */
public record Observations(List<InstanceObservation> instances, List<TaskObservation> tasks, List<String> notRecorded) {

  public static final Observations NONE = new Observations(List.of(), List.of(), List.of());

  public Observations {
    instances = List.copyOf(instances == null ? List.of() : instances);
    tasks = List.copyOf(tasks == null ? List.of() : tasks);
    notRecorded = List.copyOf(notRecorded == null ? List.of() : notRecorded);
  }
}
