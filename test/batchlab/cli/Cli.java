package batchlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process as {@code ./batch-lab} would (the command line {@code main} builds), capturing its output. */
record Cli(int exitCode, String out, String err) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = BatchLab.commandLineFor(args)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }
}
