package batchlab.aws;

import batchlab.util.BadInputException;
import batchlab.util.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;

/**
 * The AWS config and credentials files, checked before any client is built. The SDK reads both for
 * every client, even when the endpoint, region and credentials are all given (its auth-scheme and
 * defaults lookups read the default files), and a file it cannot parse surfaces as a bare
 * IllegalArgumentException without the file's name. The aws CLI refuses such a file too ("Unable to
 * parse config file"); here it is one line that names the file and the way around it.
 */
public final class ProfileFiles {

  private ProfileFiles() {}

  /** Checks the files the SDK will read: {@code AWS_CONFIG_FILE} / {@code AWS_SHARED_CREDENTIALS_FILE}, else ~/.aws/. */
  public static void checkDefault() {
    check(ProfileFileLocation.configurationFileLocation(), ProfileFileLocation.credentialsFileLocation());
  }

  /**
   * @param config the config file, if there is one
   * @param credentials the credentials file, if there is one
   * @throws BadInputException naming the first file that cannot be parsed, its reason and the setting that moves it
   */
  static void check(Optional<Path> config, Optional<Path> credentials) {
    config.ifPresent(path -> check(path, ProfileFile.Type.CONFIGURATION, "config", "AWS_CONFIG_FILE"));
    credentials.ifPresent(path -> check(path, ProfileFile.Type.CREDENTIALS, "credentials", "AWS_SHARED_CREDENTIALS_FILE"));
  }

  private static void check(Path path, ProfileFile.Type type, String what, String variable) {
    if (!Files.isRegularFile(path)) {
      return; // the SDK skips a file that is not there
    }
    try {
      ProfileFile.builder().content(path).type(type).build();
    } catch (RuntimeException e) {
      throw new BadInputException("the AWS " + what + " file " + path + " cannot be parsed: "
          + Text.firstLine(String.valueOf(e.getMessage()))
          + " (the AWS SDK reads it for every call, --local too: fix it, or set " + variable + " to another file)");
    }
  }
}
