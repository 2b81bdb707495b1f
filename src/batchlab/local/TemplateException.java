package batchlab.local;

/** The template cannot be loaded: one line naming the resource or function and what is wrong. */
public final class TemplateException extends IllegalArgumentException {
  public TemplateException(String message) {
    super(message);
  }
}
