package batchlab.report;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in its own JVM by {@link ChartsTest}: encodes a chart from a shutdown hook, where a Ctrl-C'd
 * experiment writes its partial report, and writes the PNG to the path in args[0].
 */
public final class RenderInShutdownHook {

  private RenderInShutdownHook() {}

  public static void main(String[] args) {
    SyntheticRun run = SyntheticRun.of("job", 4, 2, 60, 90);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Files.write(Path.of(args[0]), TimelineChart.png("in a shutdown hook", run.attempts(), run.origin(), run.end()));
      } catch (Exception e) {
        e.printStackTrace();
      }
    }));
    System.exit(0);
  }
}
