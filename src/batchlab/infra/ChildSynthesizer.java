package batchlab.infra;

import batchlab.util.BadInputException;
import batchlab.util.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Synthesizes the stack in a short-lived child JVM that writes the template to a temporary file and
 * exits, taking the CDK's jsii runtime (a node process of about 500 MB) with it. For a long-running
 * caller, such as {@code ./batch-lab local}, that needs the template once and then only serves it;
 * callers that synthesize again and again (the tests, the experiment) keep {@link StackSynthesizer}
 * in-process, where later syntheses are fast.
 */
public final class ChildSynthesizer {

  /** The child's exit status for a bad context value (its one-line message is on stderr). */
  static final int BAD_INPUT = 2;

  private ChildSynthesizer() {}

  /**
   * @throws BadInputException on a bad context value, with the stack's own message
   * @throws IllegalStateException when the child fails otherwise
   */
  public static SynthesizedStack synthesize(Map<String, String> context) {
    Path dir = Directories.createTemp("batch-lab-child-synth");
    try {
      Path stackName = dir.resolve("stack-name");
      Path template = dir.resolve("template.json");
      Path errors = dir.resolve("stderr");
      List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), ChildSynthesizer.class.getName(),
          stackName.toString(), template.toString()));
      context.forEach((key, value) -> command.add(key + "=" + value));
      Process child = new ProcessBuilder(command).redirectErrorStream(false)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
      int exit = waitFor(child);
      String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
      if (exit == BAD_INPUT) {
        throw new BadInputException(stderr.lines().reduce((a, b) -> b).orElse("bad context value"));
      }
      if (exit != 0) {
        throw new IllegalStateException("synthesis failed (exit " + exit + "): "
            + stderr.lines().reduce((a, b) -> b).orElse("no message"));
      }
      return new SynthesizedStack(Files.readString(stackName, StandardCharsets.UTF_8),
          Files.readString(template, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("synthesis failed: " + Text.firstLine(e), e);
    } finally {
      Directories.deleteQuietly(dir);
    }
  }

  /** The child: {@code STACK_NAME_FILE TEMPLATE_FILE [key=value ...]}; exit 0, 2 (bad context) or 1. */
  public static void main(String[] args) {
    try {
      Map<String, String> context = new java.util.LinkedHashMap<>();
      for (int i = 2; i < args.length; i++) {
        int eq = args[i].indexOf('=');
        context.put(args[i].substring(0, eq), args[i].substring(eq + 1));
      }
      SynthesizedStack stack = StackSynthesizer.synthesize(context);
      Files.writeString(Path.of(args[1]), stack.templateJson(), StandardCharsets.UTF_8);
      Files.writeString(Path.of(args[0]), stack.stackName(), StandardCharsets.UTF_8);
      System.exit(0);
    } catch (IllegalArgumentException e) {
      // BadInputException, or a construct's check of a context value: the stack's one-line message.
      System.err.println(Text.firstLine(e));
      System.exit(BAD_INPUT);
    } catch (Exception e) {
      System.err.println(Text.firstLine(e));
      System.exit(1);
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString());
  }

  private static int waitFor(Process child) {
    try {
      return child.waitFor();
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("synthesis interrupted", e);
    }
  }
}
