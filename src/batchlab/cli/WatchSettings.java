package batchlab.cli;

import batchlab.watch.WatchOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** --interval, --timeout, --cancel-on-exit, --follow-scale-in: shared by {@code watch} and {@code submit --watch}. */
public final class WatchSettings {

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "Time between polls (default: ${DEFAULT-VALUE}); e.g. 500ms, 5s, 1m.")
  Duration interval;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop watching after this long (default: until every job finished).")
  Duration timeout;

  @Option(names = "--cancel-on-exit",
      description = "On timeout or Ctrl-C, terminate the jobs that have not finished.")
  boolean cancelOnExit;

  @Option(names = "--follow-scale-in", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "After the jobs finished, keep watching the run's instances until they scale in, for at most "
          + "this long (records idle scale-in for ./batch-lab calibrate); e.g. 15m.")
  Duration followScaleIn;

  WatchOptions options() {
    return new WatchOptions(interval, timeout, cancelOnExit, followScaleIn);
  }
}
