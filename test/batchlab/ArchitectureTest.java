package batchlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules, checked on the import lines of every {@code src/batchlab/**}{@code /*.java}: infra,
 * local and the client side (aws, submit, watch, run, analysis) are separate wings that depend only on
 * batch and util; report reads the client side's run data; experiment, plan and cli compose them (plan
 * only local, infra, batch, report and util; experiment everything but cli and bench, so it may use
 * plan's cost model and predictions, and plan never uses experiment); bench may
 * use everything and only cli uses it. Each failure lists the offending {@code file -> import}.
 */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src", "batchlab");
  private static final Set<String> CLIENT_SIDE = Set.of("aws", "submit", "watch", "run", "analysis");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?batchlab\\.(\\w+)[.\\w*]*\\s*;");

  /** One {@code import batchlab...} line of one source file. */
  private record Import(Path file, String fromPackage, String line, String toPackage) {
    @Override
    public String toString() {
      return file + " -> " + line;
    }
  }

  @Test
  void infraImportsOnlyBatchUtilAndItself() {
    assertImports("infra", allowed("batch", "util", "infra"));
  }

  @Test
  void localImportsOnlyBatchUtilAndItself() {
    assertImports("local", allowed("batch", "util", "local"));
  }

  @Test
  void clientSideImportsOnlyBatchUtilAndTheClientSide() {
    List<Import> offending = imports().stream()
        .filter(i -> CLIENT_SIDE.contains(i.fromPackage()))
        .filter(i -> !Set.of("batch", "util").contains(i.toPackage()) && !CLIENT_SIDE.contains(i.toPackage()))
        .toList();
    assertThat(offending)
        .as("the client side (%s) may import only batch, util and the client side; offending file -> import:%n%s",
            String.join(", ", new TreeSet<>(CLIENT_SIDE)), lines(offending))
        .isEmpty();
  }

  @Test
  void planComposesLocalInfraBatchReportAndUtilOnly() {
    assertImports("plan", allowed("local", "infra", "batch", "report", "util", "plan"));
  }

  @Test
  void experimentComposesEverythingButCliAndBench() {
    assertImports("experiment", p -> !p.equals("cli") && !p.equals("bench"));
  }

  @Test
  void batchImportsOnlyUtilAndUtilImportsNoOtherPackage() {
    assertImports("batch", allowed("batch", "util"));
    assertImports("util", allowed("util"));
  }

  @Test
  void nothingButCliImportsBench() {
    List<Import> offending = imports().stream()
        .filter(i -> i.toPackage().equals("bench"))
        .filter(i -> !i.fromPackage().equals("cli") && !i.fromPackage().equals("bench"))
        .toList();
    assertThat(offending).as("only cli may import bench; offending file -> import:%n%s", lines(offending)).isEmpty();
  }

  @Test
  void everyPackageHasAPackageInfo() {
    List<Path> missing = packages().stream()
        .filter(dir -> !Files.isRegularFile(dir.resolve("package-info.java")))
        .toList();
    assertThat(missing).as("packages without a package-info.java: %s", missing).isEmpty();
  }

  @Test
  void benchmarksLiveInBench() {
    List<Path> outside = sources().stream()
        .filter(file -> file.getFileName().toString().matches(".*Benchmark\\.java"))
        .filter(file -> !packageOf(file).equals("bench"))
        .toList();
    assertThat(outside).as("*Benchmark classes outside src/batchlab/bench: %s", outside).isEmpty();
  }

  private static void assertImports(String fromPackage, Predicate<String> allowedTarget) {
    List<Import> offending = imports().stream()
        .filter(i -> i.fromPackage().equals(fromPackage))
        .filter(i -> !allowedTarget.test(i.toPackage()))
        .toList();
    assertThat(offending)
        .as("%s imports a package it may not; offending file -> import:%n%s", fromPackage, lines(offending))
        .isEmpty();
  }

  private static Predicate<String> allowed(String... packages) {
    return Set.of(packages)::contains;
  }

  private static String lines(List<Import> imports) {
    StringBuilder text = new StringBuilder();
    imports.forEach(i -> text.append("  ").append(i).append(System.lineSeparator()));
    return text.toString();
  }

  private static List<Import> imports() {
    List<Import> all = new ArrayList<>();
    for (Path file : sources()) {
      String from = packageOf(file);
      for (String line : readLines(file)) {
        Matcher m = IMPORT.matcher(line.strip());
        if (m.find()) {
          all.add(new Import(file, from, line.strip(), m.group(1)));
        }
      }
    }
    return all;
  }

  /** The top-level package a file belongs to: its first folder below src/batchlab. */
  private static String packageOf(Path file) {
    Path relative = SOURCES.relativize(file);
    return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
  }

  private static List<Path> sources() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every folder under src/batchlab that holds Java sources. */
  private static List<Path> packages() {
    return sources().stream().map(Path::getParent).filter(dir -> !dir.equals(SOURCES)).distinct().sorted().toList();
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
