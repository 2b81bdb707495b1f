package batchlab.run;

import java.time.Instant;
import java.util.Objects;

/**
 * The ECS task of one job attempt (DescribeTasks on the attempt's taskArn), for calibrating dispatch
 * and container start. Times are null where ECS gave none (no image pull, not started).
 *
 * @param jobId the job
 * @param attempt 1 for the first attempt, as in the timeline
 * @param taskArn the attempt's ECS task
 * @param instance the EC2 instance id (or container instance id) it ran on, as the timeline names it
 * @param createdAt when ECS created the task: the job was placed (STARTING)
 * @param pullStartedAt image pull began
 * @param pullStoppedAt image pull ended
 * @param startedAt the container started (the job went RUNNING)
 * @param stoppedAt the task stopped
 */
public record TaskObservation(
    String jobId,
    int attempt,
    String taskArn,
    String instance,
    Instant createdAt,
    Instant pullStartedAt,
    Instant pullStoppedAt,
    Instant startedAt,
    Instant stoppedAt) {

  public TaskObservation {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(taskArn, "taskArn");
  }
}
