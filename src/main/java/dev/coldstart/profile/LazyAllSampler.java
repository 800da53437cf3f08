package dev.coldstart.profile;

import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * The upper bound of lazy imports (Python 3.15+, PEP 810): the target run as it is, interleaved
 * with runs under the global mode {@code -X lazy_imports=all} (every module-level import lazy),
 * pair by pair with the order alternating, as {@link Sampler} does with the bare interpreter.
 * Each pair's exit codes, standard output and standard error (import time rows left out) are
 * compared: a program that behaves differently under the mode is told so, with the first
 * differing lines. Modules the normal runs import and the lazy runs never do are what the mode
 * avoids. Cost: 2 processes per run, output kept in memory (bounded by {@link PythonProcess}).
 */
public final class LazyAllSampler {
  /** How many differing pairs are described; the rest are counted. */
  private static final int DESCRIBED = 3;

  private final Interpreter python;
  private final Target target;
  private final Duration timeout;
  private final Map<String, String> env;
  private final Path directory;
  private final RunHook hook;

  public LazyAllSampler(
      Interpreter python, Target target, Duration timeout, Map<String, String> env, Path directory, RunHook hook) {
    this.python = python;
    this.target = target;
    this.timeout = timeout;
    this.env = env;
    this.directory = directory;
    this.hook = hook == null ? RunHook.NONE : hook;
  }

  /** Whether {@code python} has the global lazy mode (3.15 and newer). */
  public static boolean supports(Interpreter python) {
    return python.major() > 3 || python.major() == 3 && python.minor() >= 15;
  }

  /**
   * Measures {@code runs} pairs; stops early, keeping the finished pairs, when the thread is
   * interrupted. Null when no pair finished. A normal run that fails is the target's failure
   * (exit 3); a lazy run that fails is a difference in behaviour.
   */
  public Profile.LazyAll measure(int runs) {
    List<Double> normalWall = new ArrayList<>();
    List<Double> lazyWall = new ArrayList<>();
    List<Double> lazyCounts = new ArrayList<>();
    Set<String> normalModules = new TreeSet<>();
    Set<String> lazyModules = new TreeSet<>();
    List<String> differences = new ArrayList<>();
    int differing = 0;
    for (int i = 0; i < runs && !Thread.currentThread().isInterrupted(); i++) {
      boolean lazyFirst = i % 2 == 1;
      ProcessResult a = run(lazyFirst);
      ProcessResult b = run(!lazyFirst);
      ProcessResult normal = lazyFirst ? b : a;
      ProcessResult lazy = lazyFirst ? a : b;
      if (normal.interrupted() || lazy.interrupted()) {
        break;
      }
      if (normal.timedOut()) {
        throw UserError.target(
            "the target timed out without lazy imports, as the upper bound ran it (raise --timeout)");
      }
      normalWall.add(normal.wallNanos() / 1e6);
      lazyWall.add(lazy.wallNanos() / 1e6);
      Set<String> seen = modules(lazy);
      lazyCounts.add((double) seen.size());
      lazyModules.addAll(seen);
      normalModules.addAll(modules(normal));
      String difference = difference(normal, lazy);
      if (difference != null) {
        if (differing++ < DESCRIBED) {
          differences.add("pair " + (i + 1) + ": " + difference);
        }
      }
    }
    if (normalWall.isEmpty()) {
      return null;
    }
    if (differing > DESCRIBED) {
      differences.add("... " + (differing - DESCRIBED) + " more pairs differ");
    }
    Set<String> avoided = new TreeSet<>(normalModules);
    avoided.removeAll(lazyModules);
    double[] n = normalWall.stream().mapToDouble(Double::doubleValue).toArray();
    double[] l = lazyWall.stream().mapToDouble(Double::doubleValue).toArray();
    return new Profile.LazyAll(
        n.length,
        Estimate.of(l),
        Shift.between(l, n), // normal - lazy: positive when the mode is faster
        Estimate.of(lazyCounts.stream().mapToDouble(Double::doubleValue).toArray()).median(),
        List.copyOf(avoided),
        differing == 0,
        List.copyOf(differences));
  }

  private ProcessResult run(boolean lazy) {
    List<String> argv = new ArrayList<>();
    argv.add("-X");
    argv.add("importtime");
    if (lazy) {
      argv.add("-X");
      argv.add("lazy_imports=all");
    }
    argv.addAll(target.pythonArgs());
    PythonProcess p =
        PythonProcess.builder(python.executable(), argv).timeout(timeout).keepStderr(line -> true).hook(hook);
    env.forEach(p::env);
    if (directory != null) {
      p.directory(directory);
    }
    return p.run();
  }

  /** The modules a run's import time rows show (cached rows of {@code -X importtime=2} aside). */
  static Set<String> modules(ProcessResult r) {
    Set<String> out = new TreeSet<>();
    for (String line : r.stderr()) {
      Matcher m = ImportTimeLine.ROW.matcher(line);
      if (m.matches() && !m.group(1).equals("cached")) {
        out.add(m.group(4));
      }
    }
    return out;
  }

  /** How two runs differ (exit code, stdout, stderr without import time rows), or null. */
  static String difference(ProcessResult normal, ProcessResult lazy) {
    if (normal.exitCode() != lazy.exitCode() || normal.timedOut() != lazy.timedOut()) {
      return "exit code "
          + (normal.timedOut() ? "timeout" : normal.exitCode())
          + " normally, "
          + (lazy.timedOut() ? "timeout" : lazy.exitCode())
          + " under the mode"
          + firstLine(" (stderr under the mode: ", lazy.stderrTail(1), ")");
    }
    String out = firstDifference(lines(normal.stdout()), lines(lazy.stdout()));
    if (out != null) {
      return "stdout " + out;
    }
    String err = firstDifference(otherLines(normal.stderr()), otherLines(lazy.stderr()));
    return err == null ? null : "stderr " + err;
  }

  private static String firstLine(String before, String text, String after) {
    return text == null || text.isBlank() ? "" : before + text + after;
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
  }

  private static List<String> otherLines(List<String> stderr) {
    return stderr.stream().filter(l -> !l.startsWith("import time:")).toList();
  }

  /** "differs at line N: normal `a`, under the mode `b`", or null when equal. */
  static String firstDifference(List<String> normal, List<String> lazy) {
    int n = Math.max(normal.size(), lazy.size());
    for (int i = 0; i < n; i++) {
      String a = i < normal.size() ? normal.get(i) : null;
      String b = i < lazy.size() ? lazy.get(i) : null;
      if (a == null || !a.equals(b)) {
        return "differs at line "
            + (i + 1)
            + ": normal "
            + (a == null ? "(no line)" : "`" + cut(a) + "`")
            + ", under the mode "
            + (b == null ? "(no line)" : "`" + cut(b) + "`");
      }
    }
    return null;
  }

  private static String cut(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
