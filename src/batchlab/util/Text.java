package batchlab.util;

/** Small text helpers shared by every part. */
public final class Text {

  private Text() {}

  /** The first line of {@code text} ("" for null or empty): how a multi-line message is shown in one line. */
  public static String firstLine(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).stripTrailing();
  }

  /** The first line of a throwable's message, or its class's simple name when it has none. */
  public static String firstLine(Throwable e) {
    String line = firstLine(e.getMessage());
    return line.isEmpty() ? e.getClass().getSimpleName() : line;
  }
}
