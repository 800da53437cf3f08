package dev.coldstart.limits;

import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every file a target loads, from one untimed warm run under {@code loaded_files.py}: each
 * module's source, bytecode cache and zip archive, and every file mapped into the process at exit
 * (interpreter, libpython, extension modules and the shared libraries they need). Feeds the cold
 * cache (what to evict), the native footprint and the sys.path report.
 *
 * @param executable the interpreter binary, resolved
 * @param cacheTag {@code sys.implementation.cache_tag}, e.g. cpython-311
 * @param sysPath {@code sys.path} at exit
 * @param modules every loaded module
 * @param mapped every regular file mapped into the process at exit
 */
public record LoadedFiles(
    String executable, String cacheTag, List<String> sysPath, List<Module> modules, List<String> mapped) {

  /**
   * One loaded module.
   *
   * @param name dotted name
   * @param file {@code __file__}, or null
   * @param cached the bytecode cache it has on disk ({@code __cached__} when it exists), or null
   * @param archive the zip archive it came from, or null
   * @param extension a compiled extension module
   * @param pkg a package
   */
  public record Module(String name, String file, String cached, String archive, boolean extension, boolean pkg) {}

  /** Runs the target once and reads what it loaded; exit 3 when the target fails. */
  public static LoadedFiles take(
      Interpreter python, Target target, Duration timeout, Map<String, String> env, Path directory) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("coldstart-files");
      Path script = dir.resolve("loaded_files.py");
      Path out = dir.resolve("files.json");
      Files.writeString(script, Interpreters.resource("loaded_files.py"), StandardCharsets.UTF_8);
      List<String> args = new ArrayList<>();
      args.add(script.toString());
      args.add(out.toString());
      args.addAll(target.pythonArgs());
      PythonProcess p = PythonProcess.builder(python.executable(), args).timeout(timeout).discardStdout();
      env.forEach(p::env);
      if (directory != null) {
        p.directory(directory);
      }
      ProcessResult r = p.run();
      if (r.interrupted()) {
        throw UserError.target("interrupted while finding the files the target loads");
      }
      if (!Files.exists(out) || r.exitCode() != 0) {
        throw UserError.target(
            "the target failed in the untimed run that finds its files: " + target.describe()
                + (r.timedOut() ? " timed out" : " exited with status " + r.exitCode())
                + (r.stderr().isEmpty() ? "" : "\n--- end of its stderr ---\n" + r.stderrTail(15)));
      }
      return parse(Files.readString(out));
    } catch (IOException e) {
      throw UserError.target("cannot find the files the target loads: " + e.getMessage());
    } finally {
      deleteQuietly(dir);
    }
  }

  static LoadedFiles parse(String json) {
    JsonNode root = new ObjectMapper().readTree(json);
    List<Module> mods = new ArrayList<>();
    for (JsonNode m : root.path("modules")) {
      mods.add(
          new Module(
              m.path("name").asString(),
              text(m.path("file")),
              text(m.path("cached")),
              text(m.path("archive")),
              m.path("extension").asBoolean(),
              m.path("package").asBoolean()));
    }
    List<String> path = new ArrayList<>();
    root.path("path").forEach(n -> path.add(n.asString()));
    List<String> mapped = new ArrayList<>();
    root.path("mapped").forEach(n -> mapped.add(n.asString()));
    return new LoadedFiles(
        text(root.path("executable")), text(root.path("cache_tag")), List.copyOf(path), List.copyOf(mods), List.copyOf(mapped));
  }

  private static String text(JsonNode n) {
    return n.isString() ? n.asString() : null;
  }

  /** Every distinct regular file: sources, caches, archives, mapped files and the interpreter. */
  public List<String> allFiles() {
    Set<String> out = new LinkedHashSet<>();
    if (executable != null) {
      out.add(executable);
    }
    out.addAll(mapped);
    for (Module m : modules) {
      for (String f : new String[] {m.file(), m.cached(), m.archive()}) {
        // A module inside a zip names a path within the archive; the archive itself is listed.
        if (f != null && m.archive() == null || f != null && f.equals(m.archive())) {
          out.add(f);
        }
      }
    }
    List<String> files = new ArrayList<>();
    for (String f : out) {
      if (Files.isRegularFile(Path.of(f))) {
        files.add(f);
      }
    }
    return List.copyOf(files);
  }

  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // A temp directory left behind is harmless.
    }
  }
}
