package dev.coldstart.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real interpreters tests may use. An absent one makes a test skip, never fail, except CPython
 * 3.14 and 3.15 when CI is set: CI installs them ({@code shared/tools/python-next}, called by
 * .ci/run), so their absence there is a broken machine, not a reason to skip.
 */
public final class Pythons {
  private static final Path PYENV = Path.of("/root/.pyenv/versions");
  /** Where shared/tools/python-next installs CPython 3.14 and 3.15 (Debian's builds, private prefix). */
  private static final Path NEXT = Path.of(System.getenv().getOrDefault("PYTHON_NEXT_DIR", "/opt/python-next"));
  /** The versions python-next provides; pyenv has none of them here. */
  public static final List<String> NEXT_VERSIONS = List.of("3.14", "3.15");

  private Pythons() {}

  /**
   * The interpreter of version prefix {@code v} (e.g. "3.8"), if installed: pyenv's, or for 3.14
   * and 3.15 the one python-next installed.
   */
  public static Path pyenv(String v) {
    Path pyenv = pyenvOnly(v);
    if (pyenv != null) {
      return pyenv;
    }
    Path next = NEXT.resolve(v).resolve("bin/python" + v);
    return Files.isExecutable(next) ? next : null;
  }

  private static Path pyenvOnly(String v) {
    if (!Files.isDirectory(PYENV)) {
      return null;
    }
    try (var s = Files.list(PYENV)) {
      return s.filter(p -> p.getFileName().toString().startsWith(v + "."))
          .map(p -> Files.isExecutable(p.resolve("bin/python3")) ? p.resolve("bin/python3") : p.resolve("bin/python"))
          .filter(Files::isExecutable)
          .findFirst()
          .orElse(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * Like {@link #pyenv} but skips the test when absent; fails instead for 3.14 and 3.15 when CI is
   * set.
   */
  public static Path require(String v) {
    Path p = pyenv(v);
    if (p == null && NEXT_VERSIONS.contains(v)) {
      String how = "Python " + v + " is not installed here; ../shared/tools/python-next installs it into " + NEXT;
      if (System.getenv("CI") != null && !System.getenv("CI").isEmpty()) {
        throw new IllegalStateException(how + " (CI is set, so this is a failure, not a skip)");
      }
      assumeTrue(false, how);
    }
    assumeTrue(p != null, "Python " + v + " is not installed here");
    return p;
  }

  /** The default python3 on PATH, or skip. */
  public static Path python3() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "python3");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p;
      }
    }
    assumeTrue(false, "no python3 on PATH");
    return null;
  }

  /** Every Python 3.x from {@code fromMinor} to {@code toMinor} that is installed. */
  public static List<String> versions(int fromMinor, int toMinor) {
    List<String> out = new ArrayList<>();
    for (int m = fromMinor; m <= toMinor; m++) {
      out.add("3." + m);
    }
    return out;
  }
}
