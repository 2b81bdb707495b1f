package batchlab.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The timings file ({@code ./batch-lab calibrate --out timings.json}, read by {@code --timings}):
 * the emulator's four delays in seconds; a delay the file leaves out keeps the emulator's default.
 * {@code calibratedFrom} and {@code figures} say where the values came from and are not read back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimingsProfile(
    @JsonProperty(DISPATCH) Duration dispatch,
    @JsonProperty(INSTANCE_BOOT) Duration instanceBoot,
    @JsonProperty(JOB_START) Duration jobStart,
    @JsonProperty(SCALE_DOWN) Duration scaleDown,
    List<String> calibratedFrom,
    List<Figure> figures) {

  public static final String DISPATCH = "dispatchSeconds";
  public static final String INSTANCE_BOOT = "instanceBootSeconds";
  public static final String JOB_START = "jobStartSeconds";
  public static final String SCALE_DOWN = "scaleDownSeconds";
  /** The delays a timings file may set. */
  public static final Set<String> DELAYS = Set.of(DISPATCH, INSTANCE_BOOT, JOB_START, SCALE_DOWN);
  /** Keys that document the file and are ignored when it is read. */
  public static final Set<String> NOTES = Set.of("calibratedFrom", "figures");
}
