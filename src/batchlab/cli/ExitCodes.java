package batchlab.cli;

import batchlab.experiment.ExperimentException;
import batchlab.aws.SubmitException;
import batchlab.util.BadInputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How every batch-lab command ends: the exit codes, and the one place that turns a failure into
 * {@code batch-lab: <one line>} on stderr and its code. 0 done, 1 failure at run time (AWS errors, a
 * missing stack, a failed synth or deploy, ...), 2 bad input, 3 and 4 what {@code diff} found, 130 interrupted.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int RUNTIME_FAILURE = 1;
  public static final int BAD_INPUT = 2;
  /** {@code diff}: the update would stop running jobs (instances replaced, environments or queues deleted). */
  public static final int UPDATE_INTERRUPTS_WORK = 3;
  /** {@code diff}: the update would fail and roll back. */
  public static final int UPDATE_WOULD_FAIL = 4;
  /** 128 + SIGINT, what shells report for a command stopped with Ctrl-C. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** Runs a command's body; an exception it throws is {@link #report reported}. */
  static int run(PrintWriter err, Callable<Integer> body) {
    try {
      return body.call();
    } catch (Exception e) {
      return report(err, e);
    } finally {
      err.flush();
    }
  }

  /** Prints the one line of {@code e} and returns its exit code. */
  static int report(PrintWriter err, Exception e) {
    if (e instanceof BadInputException) {
      return badInput(err, e.getMessage());
    }
    if (e instanceof SubmitException || e instanceof ExperimentException) {
      return failure(err, e.getMessage());
    }
    if (e instanceof SdkException) {
      return failure(err, "AWS call failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    return failure(err, e.toString());
  }

  /**
   * A bad value given by the user: prints {@code message} (one line naming the value), returns 2. For a
   * command's input checks, where every IllegalArgumentException is one.
   */
  static int badInput(PrintWriter err, String message) {
    return print(err, message, BAD_INPUT);
  }

  /** A failure at run time: prints {@code message} (one line), returns 1. */
  static int failure(PrintWriter err, String message) {
    return print(err, message, RUNTIME_FAILURE);
  }

  private static int print(PrintWriter err, String message, int code) {
    err.println("batch-lab: " + message);
    err.flush();
    return code;
  }
}
