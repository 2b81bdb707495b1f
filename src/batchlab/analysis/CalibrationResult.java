package batchlab.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Calibration#fit} found: one {@link Figure} per delay of the emulator (image pull is
 * reported as part of container start, not as a delay of its own).
 *
 * @param runs the runs it was fitted from
 */
public record CalibrationResult(List<String> runs, Figure dispatch, Figure instanceBoot, Figure jobStart,
    Figure imagePull, Figure scaleDown) {

  public CalibrationResult {
    runs = List.copyOf(runs);
  }

  public List<Figure> figures() {
    return List.of(dispatch, instanceBoot, jobStart, imagePull, scaleDown);
  }

  /** Whether any of the emulator's four delays was fitted. */
  public boolean anyFitted() {
    return dispatch.fitted() || instanceBoot.fitted() || jobStart.fitted() || scaleDown.fitted();
  }

  /** The figures as printed by {@code ./batch-lab calibrate}, one line each. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    figures().forEach(f -> lines.add(f.line()));
    return lines;
  }

  /** The timings file's content: the fitted delays (the others keep the emulator's defaults). */
  public TimingsProfile profile() {
    return new TimingsProfile(dispatch.value(), instanceBoot.value(), jobStart.value(), scaleDown.value(), runs,
        figures());
  }
}
