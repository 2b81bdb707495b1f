package batchlab.experiment;

import batchlab.analysis.TimingsProfile;
import batchlab.local.Timings;
import batchlab.util.BadInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a timings file ({@link TimingsProfile}: what {@code ./batch-lab calibrate --out} writes) into
 * the emulator's {@link Timings}: each delay the file gives replaces the default, the others stay.
 * Anything else is refused with one line naming the key or value: an unknown key (a typo would
 * otherwise silently keep a default), a value that is not a number of seconds from 0 to 7 days.
 */
public final class TimingsFile {

  /** The longest delay accepted: AWS's longest scale-down delay (minScaleDownDelayMinutes 10,080). */
  static final Duration MAX_DELAY = Duration.ofDays(7);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TimingsFile() {}

  public static Timings read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException("--timings " + file + " does not exist");
    } catch (IOException e) {
      throw new BadInputException("--timings " + file + " cannot be read: " + e.getMessage());
    }
    return parse(text, "--timings " + file);
  }

  /** @param what names the file in messages, e.g. "--timings timings.json" */
  static Timings parse(String json, String what) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadInputException(what + " is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException(what + " must hold a JSON object such as {\"" + TimingsProfile.INSTANCE_BOOT
          + "\": 120}");
    }
    Timings timings = Timings.DEFAULT;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (TimingsProfile.NOTES.contains(key) || field.getValue().isNull()) {
        continue;
      }
      if (!TimingsProfile.DELAYS.contains(key)) {
        throw new BadInputException(what + ": unknown key '" + key + "'; allowed: "
            + String.join(", ", new TreeSet<>(TimingsProfile.DELAYS)));
      }
      Duration value = seconds(what, key, field.getValue());
      timings = switch (key) {
        case TimingsProfile.DISPATCH -> timings.withDispatch(value);
        case TimingsProfile.INSTANCE_BOOT -> timings.withInstanceBoot(value);
        case TimingsProfile.JOB_START -> timings.withJobStart(value);
        default -> timings.withScaleDown(value);
      };
    }
    return timings;
  }

  /** {@code base} with each delay the profile fitted (a delay it left out stays as in {@code base}). */
  public static Timings apply(Timings base, TimingsProfile profile) {
    Timings timings = base;
    if (profile.dispatch() != null) {
      timings = timings.withDispatch(profile.dispatch());
    }
    if (profile.instanceBoot() != null) {
      timings = timings.withInstanceBoot(profile.instanceBoot());
    }
    if (profile.jobStart() != null) {
      timings = timings.withJobStart(profile.jobStart());
    }
    if (profile.scaleDown() != null) {
      timings = timings.withScaleDown(profile.scaleDown());
    }
    return timings;
  }

  private static Duration seconds(String what, String key, JsonNode value) {
    if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0
        || value.asDouble() > MAX_DELAY.toSeconds()) {
      throw new BadInputException(what + ": " + key + " " + value + " is not allowed; give seconds from 0 to "
          + MAX_DELAY.toSeconds() + " (7 days)");
    }
    return Duration.ofMillis(Math.round(value.asDouble() * 1000));
  }
}
