package batchlab.infra;

import batchlab.batch.BatchLimits;
import batchlab.batch.LabContract;
import batchlab.util.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One extra job queue of {@code -c queues=NAME:PRIORITY}: on the stack's compute environment, with the
 * default queue's time-limit actions. The name only labels the queue's construct and outputs
 * ({@link LabContract#jobQueueNameOutput}); CloudFormation still generates the physical name.
 */
public record ExtraQueue(String name, int priority) {

  /** Refers to the stack's own queue (the one with the empty name), so no extra queue may take it. */
  static final String RESERVED_NAME = "default";

  private static final Pattern ITEM = Pattern.compile("(" + LabContract.EXTRA_QUEUE_NAME.pattern() + "):([0-9]{1,4})");
  private static final String ALLOWED = "NAME:PRIORITY, comma-separated; NAME 1-40 letters and digits starting "
      + "with a letter, PRIORITY a whole number from 0 to " + BatchLimits.JOB_QUEUE_PRIORITY_MAX;

  /** The extra queues in the order given; none without the key. */
  static List<ExtraQueue> fromContext(ContextValues values) {
    List<String> items = values.optionalList(ContextKey.QUEUES, ITEM, ALLOWED).orElse(List.of());
    String spelled = values.spelled(ContextKey.QUEUES);
    List<ExtraQueue> queues = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String item : items) {
      var match = ITEM.matcher(item);
      match.matches();
      String name = match.group(1);
      int priority = Integer.parseInt(match.group(2));
      if (priority > BatchLimits.JOB_QUEUE_PRIORITY_MAX) {
        throw new BadInputException(ContextKey.QUEUES.key() + "=" + spelled + ": item '" + item
            + "' is not allowed (allowed: " + ALLOWED + ")");
      }
      if (name.toLowerCase(Locale.ROOT).equals(RESERVED_NAME)) {
        throw new BadInputException(ContextKey.QUEUES.key() + "=" + spelled + ": '" + name
            + "' names the stack's own queue (allowed: any other name)");
      }
      // Case-insensitively: "High" and "high" would be two queues nobody could tell apart by ear.
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new BadInputException(ContextKey.QUEUES.key() + "=" + spelled + ": queue '" + name
            + "' is given twice (allowed: each name once, case-insensitively)");
      }
      queues.add(new ExtraQueue(name, priority));
    }
    return List.copyOf(queues);
  }
}
