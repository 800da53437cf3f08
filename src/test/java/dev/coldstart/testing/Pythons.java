package dev.coldstart.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real interpreters tests may use; absent ones make a test skip, never fail. */
public final class Pythons {
  private static final Path PYENV = Path.of("/root/.pyenv/versions");

  private Pythons() {}

  /** The pyenv interpreter of version prefix {@code v} (e.g. "3.8"), if installed. */
  public static Path pyenv(String v) {
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

  /** Like {@link #pyenv} but skips the test when absent. */
  public static Path require(String v) {
    Path p = pyenv(v);
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
