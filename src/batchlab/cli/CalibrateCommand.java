package batchlab.cli;

import batchlab.analysis.Calibration;
import batchlab.analysis.CalibrationResult;
import batchlab.aws.SubmitException;
import batchlab.run.RunJson;
import batchlab.run.RunStore;
import batchlab.util.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code batch-lab calibrate RUN [RUN ...] [--out timings.json]}: fit the emulator's delays to watched runs. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = "Fit the emulator's delays (dispatch, instance boot, container start, idle scale-in) to "
        + "watched runs; print each with its spread and number of observations; --out writes a timings file "
        + "for local/experiment --timings.")
public final class CalibrateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "RUN", arity = "1..*",
      description = "A run id under --runs-dir, or a run's directory (the one holding jobs.json).")
  List<String> runs = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Write the fitted timings here (JSON).")
  Path out;

  @Mixin RunsDirOption runsDir;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return ExitCodes.run(err, () -> {
      List<Calibration.RunData> data = new ArrayList<>();
      for (String run : runs) {
        data.add(load(run, stdout));
      }
      CalibrationResult result = Calibration.fit(data);
      stdout.println("calibrated from " + data.size() + (data.size() == 1 ? " run" : " runs") + ": "
          + String.join(", ", result.runs()));
      result.lines().forEach(line -> stdout.println("  " + line));
      stdout.flush();
      if (!result.anyFitted()) {
        throw new BadInputException("nothing fitted from " + String.join(", ", runs)
            + ": every figure was refused (above); calibrate from longer runs or more of them");
      }
      if (out != null) {
        write(result, out);
        stdout.println("written: " + out + " (use it with ./batch-lab local --timings " + out
            + "; figures not fitted keep the emulator's defaults)");
      }
      stdout.flush();
      return ExitCodes.OK;
    });
  }

  /** A run id in --runs-dir, else a directory holding jobs.json. */
  private Calibration.RunData load(String run, PrintWriter stdout) {
    Path asDir = Path.of(run);
    RunStore store = runsDir.store();
    String id = run;
    if (Files.isRegularFile(asDir.resolve(RunStore.RECORD_FILE)) && asDir.getFileName() != null) {
      store = new RunStore(asDir.toAbsolutePath().getParent());
      id = asDir.getFileName().toString();
    }
    store.load(id);
    var observations = store.loadObservations(id).orElse(null);
    if (observations == null) {
      stdout.println("run " + id + ": no " + RunStore.OBSERVATIONS_FILE
          + " (watched before batch-lab recorded it): only its timeline.csv is used");
    } else {
      observations.notRecorded().forEach(n -> stdout.println("run " + run + ": not recorded: " + n));
    }
    return new Calibration.RunData(id, store.requireAttempts(id), observations);
  }

  private static void write(CalibrationResult result, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
      try {
        Files.writeString(temp, RunJson.mapper().writeValueAsString(result.profile()) + "\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new SubmitException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
