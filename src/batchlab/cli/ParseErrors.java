package batchlab.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the CLI prints for arguments picocli cannot parse: one line naming the value and what is allowed,
 * and where the options are listed, instead of picocli's message followed by the whole usage.
 * Exit 2, as for any bad input.
 */
final class ParseErrors implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String help = ("see ./batch-lab " + qualifiedName(command)).strip() + " --help";
    return ExitCodes.badInput(command.getErr(), message(e) + "; " + help);
  }

  static String message(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> unknown = unmatched.getUnmatched();
      String first = unknown.isEmpty() ? "?" : unknown.get(0);
      List<String> suggestions = unmatched.getSuggestions();
      String what = first.startsWith("-") ? "unknown option " + first : "unexpected argument '" + first + "'";
      return what + (suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)");
    }
    ArgSpec arg = e.getArgSpec();
    if (arg != null && e.getValue() != null && e.getCause() instanceof CommandLine.TypeConversionException cause) {
      // Our own converters say what they allow; picocli's built-in ones only name the Java type.
      return arg.converters().length > 0 ? name(arg) + " " + cause.getMessage()
          : name(arg) + " " + e.getValue() + " is not allowed: give " + allowed(arg.type());
    }
    if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
        && missing.getMissing().get(0) instanceof OptionSpec option) {
      return option.longestName() + " needs a value (" + option.paramLabel() + ")";
    }
    return CommandLine.Help.Ansi.OFF.string(e.getMessage()).lines().findFirst().orElse("bad arguments");
  }

  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
  }

  /** The allowed values of the types the CLI's options use. */
  private static String allowed(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type.isEnum()) {
      return "one of " + List.of(type.getEnumConstants());
    }
    return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static String qualifiedName(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName(" ");
    return name.startsWith("batch-lab ") ? name.substring("batch-lab ".length()) : "";
  }
}
