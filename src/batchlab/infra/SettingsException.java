package batchlab.infra;

/**
 * A bad CDK context value (a user error): the message is one line naming the key, the bad value and
 * what is allowed, so the CLI can print it as is.
 */
public final class SettingsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }
}
