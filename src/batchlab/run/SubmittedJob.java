package batchlab.run;

import java.util.Objects;

/**
 * One job the server confirmed: its 1-based index within the run, name and id. For an array run
 * there is one entry, the parent (index 1), whose children are {@code <id>:0 .. <id>:<size-1>}.
 */
public record SubmittedJob(int index, String name, String id) {

  public SubmittedJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    if (index < 1) {
      throw new IllegalArgumentException("job index starts at 1, got " + index);
    }
  }
}
