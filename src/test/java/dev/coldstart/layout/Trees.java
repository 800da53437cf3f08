package dev.coldstart.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small source trees for tests: {@code Trees.write(dir, "a/b.py", "import c", ...)}. */
public final class Trees {
  private Trees() {}

  /** Pairs of relative path and content; a path ending in '/' makes a directory. */
  public static Path write(Path dir, String... pathsAndContents) {
    try {
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        Path p = dir.resolve(pathsAndContents[i]);
        if (pathsAndContents[i].endsWith("/")) {
          Files.createDirectories(p);
          continue;
        }
        Files.createDirectories(p.getParent());
        Files.writeString(p, pathsAndContents[i + 1]);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
