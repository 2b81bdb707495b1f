package batchlab.experiment;

import java.io.IOException;
import java.util.List;

/**
 * Runs an external command to completion. The aws target runs the CDK CLI through this, so tests
 * can put a recorder in its place (no AWS account exists where the tests run).
 */
@FunctionalInterface
public interface ProcessRunner {

  /** Runs {@code command}, returning its exit code; interrupting the caller stops the command. */
  int run(List<String> command) throws IOException, InterruptedException;
}
