package dev.coldstart.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java runtime the distribution carries: the JDK modules coldstart's jar uses, found by jdeps,
 * linked by jlink from a JDK 25+ (from its jmods, or from its own runtime image when it has none,
 * JEP 493).
 *
 * <p>Which modules: every JDK module jdeps sees a class of the jar refer to, except the ones Jackson
 * declares optional ({@code requires static} in its module-info: java.desktop for java.beans
 * annotations, java.sql and java.sql.rowset for JDBC date types). Jackson refers to those only from
 * its {@code ext} packages, loads them only when present, and coldstart uses none of the types;
 * java.desktop alone would add ~12 MB (pgjdbc refers to it only from its geometric types, left out
 * the same way). Plus jdk.charsets, which no class names but
 * {@code Charset.forName} loads: the source scanner decodes PEP 263 coding cookies such as cp1252,
 * shift_jis or gbk with it, as it does on a full JDK.
 *
 * <p>Cost: jdeps reads every class of the jar (~20 s of a loaded machine), jlink copies the modules
 * (~20 s); the build's training run then fails if a needed module is missing (NoClassDefFoundError).
 */
final class RuntimeImage {
  /** Modules Jackson declares {@code requires static}, used only from its {@code ext} packages. */
  private static final Set<String> JACKSON_OPTIONAL = Set.of("java.desktop", "java.sql", "java.sql.rowset");
  private static final String JACKSON_EXT = "tools.jackson.databind.ext.";
  /**
   * pgjdbc's geometric types convert to and from java.awt points; the results store never reads or
   * writes such a column, and pgjdbc loads the package only for them. Without it java.desktop (~12 MB)
   * stays out of the runtime.
   */
  private static final String PG_GEOMETRIC = "org.postgresql.geometric.";
  /** Loaded by name (Charset.forName), so jdeps cannot see it. */
  private static final String CHARSETS = "jdk.charsets";
  // "   dev.coldstart.serve -> com.sun.net.httpserver   jdk.httpserver" or "... JDK internal API (jdk.unsupported)"
  private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+(.+)$");

  private RuntimeImage() {}

  /** The JDK modules to link, from jdeps' {@code -verbose:package} output; {@code jdk} lists what exists. */
  static Set<String> modulesFrom(String jdepsOutput, Set<String> jdk) {
    Set<String> modules = new TreeSet<>();
    modules.add("java.base");
    for (String line : jdepsOutput.split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String where = m.group(3).strip();
      String module = where.endsWith(")") && where.contains("(")
          ? where.substring(where.lastIndexOf('(') + 1, where.length() - 1)
          : where;
      if (!jdk.contains(module)) {
        continue; // a package of the jar itself, or "not found"
      }
      if (JACKSON_OPTIONAL.contains(module) && m.group(1).startsWith(JACKSON_EXT)) {
        continue;
      }
      if (module.equals("java.desktop") && (m.group(1) + ".").startsWith(PG_GEOMETRIC)) {
        continue;
      }
      modules.add(module);
    }
    if (jdk.contains(CHARSETS)) {
      modules.add(CHARSETS);
    }
    return modules;
  }

  /** The modules coldstart's {@code jar} needs from {@code jdk} (runs jdeps). */
  static Set<String> modulesFor(Path jdk, int feature, Path jar) throws IOException, InterruptedException {
    String out = Processes.run(List.of(jdk.resolve("bin/jdeps").toString(), "--multi-release", String.valueOf(feature),
        "--ignore-missing-deps", "-verbose:package", jar.toString()), null);
    String listed = Processes.run(List.of(jdk.resolve("bin/java").toString(), "--list-modules"), null);
    Set<String> available = new TreeSet<>();
    for (String l : listed.split("\n")) {
      if (!l.isBlank()) {
        available.add(l.strip().split("@")[0]);
      }
    }
    return modulesFrom(out, available);
  }

  /**
   * Links {@code modules} of {@code jdk} into {@code out} (which must not exist). No jimage
   * compression: the wheel's deflate compresses better over plain class files (20 MB against 24 MB
   * for the runtime), and the JVM reads them without inflating.
   */
  static void link(Path jdk, Set<String> modules, Path out) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/jlink").toString(),
        "--add-modules", String.join(",", modules),
        "--strip-java-debug-attributes", "--no-header-files", "--no-man-pages",
        "--output", out.toString()));
    if (Files.isDirectory(jdk.resolve("jmods"))) {
      cmd.add(1, "--module-path");
      cmd.add(2, jdk.resolve("jmods").toString());
    }
    Processes.run(cmd, null);
  }

  /** The feature version of {@code jdk} (25 for 25.0.3), from its {@code release} file. */
  static int feature(Path jdk) throws IOException {
    Path release = jdk.resolve("release");
    if (!Files.isRegularFile(release)) {
      throw new IOException(jdk + " is not a JDK (no release file)");
    }
    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
      if (line.startsWith("JAVA_VERSION=")) {
        String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        return Integer.parseInt(v.split("[^0-9]")[0]);
      }
    }
    throw new IOException(release + " names no JAVA_VERSION");
  }
}
