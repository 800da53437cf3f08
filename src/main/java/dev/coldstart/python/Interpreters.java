package dev.coldstart.python;

import dev.coldstart.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Finds and probes the target interpreter. The choice, in order: {@code --python} (a path or a
 * name on PATH), the active virtualenv's {@code bin/python} ({@code VIRTUAL_ENV}), {@code python3}
 * on PATH. The probe runs the interpreter once (~20 ms) and reports {@code sys.executable}, so a
 * pyenv shim is resolved to the real binary before any timed run.
 */
public final class Interpreters {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  private Interpreters() {}

  /**
   * Locates and probes an interpreter.
   *
   * @param requested the {@code --python} value, or null for the default
   * @param env the environment to look in (VIRTUAL_ENV, PATH)
   * @throws UserError exit 3 when there is no such interpreter or it does not run
   */
  public static Interpreter locate(String requested, Map<String, String> env) {
    Path exe = resolve(requested, env);
    return probe(exe);
  }

  static Path resolve(String requested, Map<String, String> env) {
    if (requested != null && !requested.isBlank()) {
      if (requested.contains("/")) {
        Path p = Path.of(requested);
        if (Files.isDirectory(p)) {
          // A virtualenv or prefix directory: take its bin/python.
          for (String name : List.of("bin/python3", "bin/python")) {
            if (Files.isExecutable(p.resolve(name))) {
              return p.resolve(name);
            }
          }
          throw UserError.target("no Python interpreter in directory " + p + " (looked for bin/python3, bin/python)");
        }
        if (!Files.exists(p)) {
          throw UserError.target("no Python interpreter at " + p + ": file not found");
        }
        if (!Files.isExecutable(p)) {
          throw UserError.target("no Python interpreter at " + p + ": not executable");
        }
        return p;
      }
      return onPath(requested, env)
          .orElseThrow(() -> UserError.target("no Python interpreter named '" + requested + "' on PATH"));
    }
    String venv = env.get("VIRTUAL_ENV");
    if (venv != null && !venv.isBlank()) {
      for (String name : List.of("bin/python", "bin/python3")) {
        Path p = Path.of(venv, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return onPath("python3", env)
        .orElseThrow(
            () ->
                UserError.target(
                    "no Python interpreter found: no active virtualenv and no python3 on PATH; use --python PATH"));
  }

  private static java.util.Optional<Path> onPath(String name, Map<String, String> env) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }

  /** Runs the probe script in {@code exe} and reads its answer. */
  public static Interpreter probe(Path exe) {
    String script = resource("probe.py");
    ProcessResult r;
    try {
      r =
          PythonProcess.builder(exe, List.of("-c", script))
              .timeout(PROBE_TIMEOUT)
              .run();
    } catch (UserError e) {
      throw UserError.target("cannot run Python interpreter " + exe + ": " + e.getMessage());
    }
    if (r.timedOut()) {
      throw UserError.target("Python interpreter " + exe + " did not answer within " + PROBE_TIMEOUT.toSeconds() + " s");
    }
    if (r.exitCode() != 0) {
      throw UserError.target(
          "Python interpreter " + exe + " failed (exit " + r.exitCode() + "): " + r.stderrTail(5));
    }
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(r.stdout());
    } catch (RuntimeException e) {
      throw UserError.target(exe + " does not look like a Python interpreter: its answer was not understood");
    }
    List<String> sysPath = new ArrayList<>();
    for (JsonNode p : n.path("path")) {
      if (!p.asString().isEmpty()) {
        sysPath.add(p.asString());
      }
    }
    String executable = n.path("executable").asString("");
    Path real = executable.isEmpty() ? exe : Path.of(executable);
    return new Interpreter(
        real,
        n.path("version").asString(),
        n.path("version_full").asString(),
        n.path("implementation").asString(),
        n.path("prefix").asString(),
        n.path("base_prefix").asString(),
        List.copyOf(sysPath),
        n.path("dont_write_bytecode").asBoolean(),
        n.path("machine").asString(),
        n.path("ext_suffix").asString());
  }

  /** A helper script shipped in the jar under dev/coldstart/python/. */
  public static String resource(String name) {
    try (InputStream in = Interpreters.class.getResourceAsStream("/dev/coldstart/python/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/coldstart/python/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
