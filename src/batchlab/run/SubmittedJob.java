package batchlab.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One job the server confirmed: its 1-based index within the run, name and id. For an array run
 * there is one entry, the parent (index 1), whose children are {@code <id>:0 .. <id>:<size-1>}. In a
 * run with groups ({@link RunRecord#groups}) each job also carries where it went: its queue (as
 * people name it), share identifier and scheduling priority, null where not set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmittedJob(int index, String name, String id, String queue, String share, Integer priority) {

  public SubmittedJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    if (index < 1) {
      throw new IllegalArgumentException("job index starts at 1, got " + index);
    }
  }

  /** A job of a run without groups. */
  public SubmittedJob(int index, String name, String id) {
    this(index, name, id, null, null, null);
  }

  /** The job as confirmed in {@code group}. */
  public static SubmittedJob in(JobGroup group, int index, String name, String id) {
    return new SubmittedJob(index, name, id, group.queue(), group.share(), group.priority());
  }
}
