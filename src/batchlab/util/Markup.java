package batchlab.util;

/**
 * Escapes text for XML and HTML, in element content and quoted attribute values alike: the
 * emulator's CloudFormation XML and the experiment's HTML report both need it, and the JDK has no
 * such method (no HTML/XML text library is on the main classpath).
 */
public final class Markup {

  private Markup() {}

  /** {@code & < > " '} as entities; {@code '} as {@code &#39;}, which XML and every HTML version read. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
