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

/**
 * Finds and probes the target interpreter. The choice, in order: {@code --python} (a path or a
 * name on PATH), the active virtualenv's {@code bin/python} ({@code VIRTUAL_ENV}), {@code python3}
 * on PATH. The probe runs the interpreter once (~35 ms with a big site-packages, nearly all of it
 * Python's own start) and reports {@code sys.executable}, so a pyenv shim is resolved to the real
 * binary before any timed run. {@link #locate} keeps answers in the {@link ProbeCache}, which
 * answers without running Python while nothing the answer depends on changed.
 */
public final class Interpreters {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  /** The first line of probe.py's answer (a constant, so no concatenation happens at run time). */
  private static final String ANSWER_NAME = "probe";
  private static final String ANSWER_VALUE = "coldstart 1";
  private static final String ANSWER_START = ANSWER_NAME + "=" + ANSWER_VALUE + "\n";

  private Interpreters() {}

  /**
   * Locates and probes an interpreter.
   *
   * @param requested the {@code --python} value, or null for the default
   * @param env the environment to look in (VIRTUAL_ENV, PATH), to probe in, and to find the probe
   *     cache with (COLDSTART_CACHE_DIR, XDG_CACHE_HOME, HOME)
   * @throws UserError exit 3 when there is no such interpreter or it does not run
   */
  public static Interpreter locate(String requested, Map<String, String> env) {
    return find(requested, env).interpreter();
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

  /**
   * An interpreter of at least {@code major.minor}, to run code that needs it (PEP 810 {@code lazy}
   * imports need 3.15): {@code given} when it is new enough, else {@code python3.N} on PATH for N
   * from minor up to minor + 5, else the first of {@code places} that runs and is new enough.
   * Empty when there is none; an interpreter that fails its probe is passed over.
   */
  public static java.util.Optional<Interpreter> atLeast(
      Interpreter given, int major, int minor, Map<String, String> env, List<Path> places) {
    if (given != null && given.atLeast(major, minor)) {
      return java.util.Optional.of(given);
    }
    List<Path> candidates = new java.util.ArrayList<>();
    for (int n = minor; n <= minor + 5; n++) {
      onPath("python" + major + "." + n, env).ifPresent(candidates::add);
    }
    candidates.addAll(places);
    for (Path p : candidates) {
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        continue;
      }
      try {
        Interpreter i = find(p.toString(), env).interpreter();
        if (i.atLeast(major, minor)) {
          return java.util.Optional.of(i);
        }
      } catch (UserError e) {
        // Not runnable: try the next one.
      }
    }
    return java.util.Optional.empty();
  }

  /** Runs the probe script in {@code exe} (in coldstart's own environment) and reads its answer. */
  public static Interpreter probe(Path exe) {
    return read(run(exe, resource("probe.py"), null), exe);
  }

  /**
   * An interpreter found by {@link #find}.
   *
   * @param probed true when the probe ran, false when the answer came from the probe cache
   */
  record Found(Interpreter interpreter, boolean probed) {}

  /**
   * The probe cache's answer for {@code requested}, or null when it has none (or {@code requested}
   * names nothing usable). Never starts a process and never fails: a head start on {@link #locate},
   * taken before the command line is even parsed (see {@code cli.Primer}), so its code is loaded
   * and has run once (~5 ms in a fresh JVM) when {@code locate} runs for real.
   */
  public static Interpreter cachedOnly(String requested, Map<String, String> env) {
    try {
      Path exe = resolve(requested, env);
      ProbeCache cache = ProbeCache.of(env);
      ProbeLines cached = cache.read(cache.key(exe, env, resource("probe.py")));
      return cached == null ? null : interpreter(cached, exe);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@link #locate}, also saying whether the probe ran or the cache answered. */
  static Found find(String requested, Map<String, String> env) {
    Path exe = resolve(requested, env);
    String script = resource("probe.py");
    ProbeCache cache = ProbeCache.of(env);
    ProbeCache.Key key = cache.key(exe, env, script);
    ProbeLines cached = cache.read(key);
    if (cached != null) {
      Interpreter py = interpreter(cached, exe);
      if (py != null) {
        return new Found(py, false);
      }
    }
    long start = System.currentTimeMillis(); // wall clock: compared with file times
    ProbeLines answer = run(exe, script, env);
    Interpreter py = read(answer, exe);
    cache.write(key, answer, start);
    return new Found(py, true);
  }

  /** Runs the probe; its answer, or null when it printed no answer. {@code env} null: inherit. */
  private static ProbeLines run(Path exe, String script, Map<String, String> env) {
    ProcessResult r;
    try {
      PythonProcess p = PythonProcess.builder(exe, List.of("-c", script)).timeout(PROBE_TIMEOUT);
      if (env != null) {
        p.environment(env);
      }
      r = p.run();
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
    return answerIn(r.stdout());
  }

  /**
   * The answer in the probe's standard output: from its first line on, so that whatever a
   * sitecustomize or .pth file printed before is skipped.
   */
  static ProbeLines answerIn(String stdout) {
    int at = stdout.startsWith(ANSWER_START) ? 0 : stdout.lastIndexOf("\n" + ANSWER_START);
    if (at < 0) {
      return null;
    }
    return ProbeLines.parse(stdout.substring(at == 0 ? 0 : at + 1));
  }

  private static Interpreter read(ProbeLines answer, Path exe) {
    Interpreter py = interpreter(answer, exe);
    if (py == null) {
      throw UserError.target(exe + " does not look like a Python interpreter: its answer was not understood");
    }
    return py;
  }

  /** The interpreter an answer describes, or null when the answer is not a whole probe answer. */
  private static Interpreter interpreter(ProbeLines a, Path exe) {
    // Plain string tests, no regex or record equals: on a cache hit this is most of the work.
    if (a == null || a.lines().size() < 2 || !a.lines().get(0).name().equals(ANSWER_NAME)
        || !a.lines().get(0).value().equals(ANSWER_VALUE)) {
      return null;
    }
    ProbeLines.Line last = a.lines().get(a.lines().size() - 1);
    if (!last.name().equals("end") || !last.value().equals(String.valueOf(a.lines().size() - 1))) {
      return null; // cut short
    }
    String version = a.first("version");
    if (version == null || !isVersion(version)) {
      return null;
    }
    List<String> sysPath = new ArrayList<>();
    for (String p : a.all("path")) {
      if (!p.isEmpty()) {
        sysPath.add(p);
      }
    }
    String executable = a.first("executable");
    Path real = executable == null || executable.isEmpty() ? exe : Path.of(executable);
    return new Interpreter(
        real,
        version,
        orEmpty(a.first("version_full")),
        orEmpty(a.first("implementation")),
        orEmpty(a.first("prefix")),
        orEmpty(a.first("base_prefix")),
        List.copyOf(sysPath),
        "1".equals(a.first("dont_write_bytecode")),
        orEmpty(a.first("machine")),
        orEmpty(a.first("ext_suffix")),
        a.all("extension_suffix").isEmpty()
            ? null
            : new Interpreter.Layout(
                List.copyOf(a.all("builtin")),
                List.copyOf(a.all("extension_suffix")),
                List.copyOf(a.all("layout_site_dir"))));
  }

  /** major.minor.micro, digits only. */
  private static boolean isVersion(String v) {
    int dots = 0;
    boolean digit = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '.' && digit) {
        dots++;
        digit = false;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        return false;
      }
    }
    return dots == 2 && digit;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
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
