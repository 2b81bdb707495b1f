package batchlab.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** A y/N question on the terminal; anything but y or yes (including end of input) is no. */
public final class ConsoleConfirmation implements Confirmation {

  private final BufferedReader in;
  private final PrintWriter out;

  public ConsoleConfirmation(BufferedReader in, PrintWriter out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public boolean confirm(String question) {
    out.print(question + " [y/N] ");
    out.flush();
    try {
      String answer = in.readLine();
      return answer != null && switch (answer.trim().toLowerCase(Locale.ROOT)) {
        case "y", "yes" -> true;
        default -> false;
      };
    } catch (IOException e) {
      return false;
    }
  }
}
