package dev.coldstart.explain;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The test project in src/test/resources/explain/project, copied to a temp dir, with its .pth file
 * in a real user site directory of the interpreter under test; runs Python with and without the
 * recorder.
 */
final class TestProject {
  record Result(int exit, String out, String err) {}

  static final List<String> VERSIONS =
      List.of(
          "3.7.16", "3.8.18", "3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0", "3.14.10",
          "3.15.2");

  /** The versions as a parameter source. */
  static Stream<String> versions() {
    return VERSIONS.stream();
  }

  final Path dir;
  final Path python;
  final Path userBase;
  final Path script;

  private TestProject(Path dir, Path python, Path userBase, Path script) {
    this.dir = dir;
    this.python = python;
    this.userBase = userBase;
    this.script = script;
  }

  /**
   * The pyenv interpreter of that version (3.14 and 3.15: python-next's); the test is skipped when
   * it is absent (fails for 3.14 and 3.15 under CI, see Pythons#require).
   */
  static Path python(String version) {
    String xy = version.substring(0, version.lastIndexOf('.'));
    if (dev.coldstart.testing.Pythons.NEXT_VERSIONS.contains(xy)) {
      return dev.coldstart.testing.Pythons.require(xy); // not pyenv's: python-next's
    }
    Path exe = Path.of("/root/.pyenv/versions", version, "bin/python3");
    assumeTrue(Files.isExecutable(exe), "no Python " + version + " on this machine");
    return exe;
  }

  static TestProject create(Path temp, String version) throws IOException {
    Path python = python(version);
    Path dir = temp.resolve("project");
    copy(resource("/explain/project"), dir);
    String xy = version.substring(0, version.lastIndexOf('.'));
    Path userBase = temp.resolve("userbase");
    Path userSite = userBase.resolve("lib/python" + xy + "/site-packages");
    Files.createDirectories(userSite);
    try (Stream<Path> files = Files.list(dir.resolve("site-packages"))) {
      for (Path f : files.toList()) {
        Files.move(f, userSite.resolve(f.getFileName()));
      }
    }
    Path script = RecorderScript.extractTo(Files.createDirectories(temp.resolve("helper")));
    return new TestProject(dir, python, userBase, script);
  }

  /** {@code python ARGS} in the project directory. */
  Result plain(String... args) {
    List<String> cmd = new ArrayList<>(List.of(python.toString()));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  /** The same run under the recorder, writing to {@code out}. */
  Result recorded(Path out, String... args) {
    return run(
        RecorderScript.command(
            python.toString(), List.of(), List.of(script.toString()), out, true, List.of(args)));
  }

  /** The same run under the recorder, with interpreter flags (e.g. {@code -X importtime=2}). */
  Result recordedWith(List<String> flags, Path out, String... args) {
    return run(
        RecorderScript.command(
            python.toString(), flags, List.of(script.toString()), out, true, List.of(args)));
  }

  /** The same run under the recorder started by record_boot.py, with its compiled code in {@code cache}. */
  Result recordedThroughBoot(Path out, Path cache, String... args) {
    return run(
        RecorderScript.command(
            python.toString(),
            List.of(),
            RecorderScript.boot(script, cache),
            out,
            true,
            List.of(args)));
  }

  private Result run(List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("PYTHONUSERBASE", userBase.toString());
    pb.environment().remove("PYTHONNOUSERSITE");
    pb.environment().remove("PYTHONPATH");
    try {
      Path out = Files.createTempFile("cs-out", ".txt");
      Path err = Files.createTempFile("cs-err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      Result r =
          new Result(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(TestProject.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
