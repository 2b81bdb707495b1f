package batchlab.cli;

import batchlab.aws.SubmitException;
import batchlab.util.BadInputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The CLI's error convention for the submit/watch commands: {@code batch-lab: <one line>} on stderr;
 * exit 2 for bad input, 1 for failures at run time (AWS errors, missing stack, ...).
 */
final class CliFailures {

  static final int OK = 0;
  static final int RUNTIME_FAILURE = 1;
  static final int BAD_INPUT = 2;
  /** 128 + SIGINT, what shells report for a command stopped with Ctrl-C. */
  static final int INTERRUPTED = 130;

  private CliFailures() {}

  static int run(PrintWriter err, Callable<Integer> body) {
    try {
      return body.call();
    } catch (BadInputException e) {
      err.println("batch-lab: " + e.getMessage());
      return BAD_INPUT;
    } catch (SubmitException e) {
      err.println("batch-lab: " + e.getMessage());
      return RUNTIME_FAILURE;
    } catch (SdkException e) {
      err.println("batch-lab: AWS call failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return RUNTIME_FAILURE;
    } catch (Exception e) {
      err.println("batch-lab: " + e);
      return RUNTIME_FAILURE;
    } finally {
      err.flush();
    }
  }
}
