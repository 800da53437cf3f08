package dev.coldstart.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample project shipped in the jar: {@code fleet}, a package whose {@code __init__} re-exports
 * its public names, so that importing its one-line {@code fleet.version} runs the protocol engine
 * and HTTP server imports too (the pattern of the robot-server and stac-task write-ups), with the
 * standard library only.
 */
public final class DemoProject {
  /** The package the demo profiles. */
  public static final String PACKAGE = "fleet";

  /** The tiny submodule whose import should cost nothing. */
  public static final String TINY = "fleet.version";

  private static final String ROOT = "/dev/coldstart/demo/";

  private DemoProject() {}

  /** The files of the sample project, relative to its root (e.g. {@code fleet/__init__.py}). */
  public static List<String> files() {
    String index = read("files.txt");
    List<String> out = new ArrayList<>();
    for (String line : index.split("\n")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** Writes the sample project under {@code dir} (which must exist) and returns {@code dir}. */
  public static Path unpack(Path dir) {
    try {
      for (String f : files()) {
        Path target = dir.resolve(f);
        Files.createDirectories(target.getParent());
        Files.writeString(target, read(f), StandardCharsets.UTF_8);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(String name) {
    try (InputStream in = DemoProject.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("demo resource missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
