package batchlab.local;

import batchlab.util.BadInputException;

/** The template cannot be loaded: one line naming the resource or function and what is wrong. */
public final class TemplateException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }
}
