package dev.coldstart.gate;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Base and head of one entry measured in one interleaved run: pair i runs base then head when i is
 * even, head then base when odd, so a drift of the machine's speed (another build starting, a
 * thermal limit) lands on both sides equally instead of on whichever ran second.
 *
 * <p>What is measured is the entry's CPU time: the process's {@code time.process_time()} from just
 * before the target's import (or code, module, script) starts to when it ends, written to stderr
 * by a few lines of Python wrapped around the target ({@link #cpuArgs}). CPU time, not wall time:
 * on a shared CI runner (or this project's 2-core build machine with a load of 15) wall time
 * swings by tens of percent with other processes, while the CPU time the code itself burns moves
 * by a few percent. It leaves out interpreter start-up and teardown, which the code under test
 * cannot change. Sleeping and waiting for I/O are not counted: a regression that only waits is
 * invisible here (budgets, measured in wall time, still see it). The same lines report the wall time
 * ({@code time.perf_counter()}) over the same span; {@code bisect --measure wall} compares that
 * ({@link Quantity}).
 *
 * <p>Bytecode: each side gets its own {@code PYTHONPYCACHEPREFIX} (a fresh directory) with
 * bytecode writing on, and the warm-up pair writes it. Otherwise a working tree with
 * {@code __pycache__} would be compared against a fresh worktree compiling every module on every
 * run (Python 3.8+; 3.7 ignores the prefix and writes {@code __pycache__} in each tree).
 *
 * <p>Limits: every run of both sides goes through the same {@link RunHook} (one cgroup, one cold
 * cache eviction covering the files of both trees), so base and head run under the same settings.
 */
public final class AbSampler {
  /**
   * One side of a comparison made by another verb ({@code audit}): what runs, in which directory,
   * with which environment changes (a null value removes the variable).
   */
  public record Side(String name, Target target, Path directory, Map<String, String> env) {}

  /**
   * Runs each side once, base first when {@code baseFirst}, and returns their CPU times in
   * milliseconds, {@code {base, head}}. Callers alternate the order from pair to pair (see the class
   * comment) and give each side its own {@code PYTHONPYCACHEPREFIX} when bytecode matters.
   *
   * @throws UserError exit 3 when a run fails, exit 130 when interrupted
   */
  public static double[] pair(Interpreter py, Side base, Side head, boolean baseFirst, Duration timeout, RunHook hook) {
    double[] out = new double[2];
    for (int k = 0; k < 2; k++) {
      boolean isBase = baseFirst == (k == 0);
      Side s = isBase ? base : head;
      out[isBase ? 0 : 1] = once(py, s.target(), s.directory(), s.env(), timeout, s.name(), hook, Quantity.CPU, false);
    }
    return out;
  }

  /** Called after each run. */
  interface Listener {
    void progress(String entry, int done, int total);
  }

  /** CPU times in milliseconds, one per measured run, in run order. */
  record Samples(double[] base, double[] head) {}

  private AbSampler() {}

  static Samples sample(
      Interpreter py,
      String entry,
      Target baseTarget,
      ProjectTree base,
      Target headTarget,
      ProjectTree head,
      int runs,
      Duration timeout,
      Path cacheDir,
      Listener listener,
      RunHook hook) {
    return sample(py, entry, baseTarget, base, cacheDir.resolve("base"), headTarget, head, cacheDir.resolve("head"),
        runs, 1, Quantity.CPU, timeout, listener, hook);
  }

  /**
   * As above, with each side's bytecode directory given (a later batch of the same comparison
   * reuses them and needs no warm-up pair), and the quantity to read.
   *
   * @throws TargetFailed when a run of either side fails (exit 3, the side named)
   */
  static Samples sample(
      Interpreter py,
      String entry,
      Target baseTarget,
      ProjectTree base,
      Path basePycache,
      Target headTarget,
      ProjectTree head,
      Path headPycache,
      int runs,
      int warmup,
      Quantity quantity,
      Duration timeout,
      Listener listener,
      RunHook hook) {
    // Two sides in rounds: the order alternates, base first in even rounds.
    double[][] r = rounds(py, entry, List.of(new Arm("base", baseTarget, base, basePycache),
        new Arm("head", headTarget, head, headPycache)), runs, warmup, 0, false, quantity, timeout, listener, hook);
    return new Samples(r[0], r[1]);
  }

  /**
   * One side of {@link #rounds}: its name in a failure ({@link TargetFailed#side()}), what runs and
   * in which tree, and its own bytecode directory.
   */
  record Arm(String side, Target target, ProjectTree tree, Path pycache) {}

  /**
   * Several sides measured in rounds: each round runs every side once, in an order that goes
   * through every permutation of the sides from round to round (three sides: six orders), so no
   * side is always first or always after the same other. {@code warmup} rounds come first and are
   * not kept (they write the bytecode). {@code first} is the number of timed rounds already taken
   * in earlier batches of the same comparison: round {@code first + i} takes the next order, so
   * batches shorter than a whole cycle do not favour the first orders.
   *
   * @return one array per arm, in the arms' order, value {@code i} from round {@code i}
   * @throws TargetFailed when a run fails (the arm's side named)
   */
  static double[][] rounds(
      Interpreter py, String entry, List<Arm> arms, int runs, int warmup, int first, boolean pinned, Quantity quantity,
      Duration timeout, Listener listener, RunHook hook) {
    List<int[]> orders = permutations(arms.size());
    List<Map<String, String>> envs = arms.stream().map(a -> env(a.tree(), a.pycache())).toList();
    int total = arms.size() * (runs + warmup);
    int done = 0;
    double[][] out = new double[arms.size()][runs];
    for (int i = -warmup; i < runs; i++) {
      for (int k : orders.get(Math.floorMod(first + i, orders.size()))) {
        Arm a = arms.get(k);
        double v = once(py, a.target(), a.tree().root(), envs.get(k), timeout, a.side(), hook, quantity, pinned);
        if (i >= 0) {
          out[k][i] = v;
        }
        listener.progress(entry, ++done, total);
      }
    }
    return out;
  }

  /** Every order of {@code 0..n-1}, lexicographic. */
  static List<int[]> permutations(int n) {
    List<int[]> out = new ArrayList<>();
    permute(new int[n], new boolean[n], 0, out);
    return out;
  }

  private static void permute(int[] order, boolean[] used, int at, List<int[]> out) {
    if (at == order.length) {
      out.add(order.clone());
      return;
    }
    for (int k = 0; k < order.length; k++) {
      if (!used[k]) {
        used[k] = true;
        order[at] = k;
        permute(order, used, at + 1, out);
        used[k] = false;
      }
    }
  }

  private static Map<String, String> env(ProjectTree tree, Path pycache) {
    Map<String, String> env = new java.util.HashMap<>(tree.env());
    env.put("PYTHONPYCACHEPREFIX", pycache.toString());
    env.put("PYTHONDONTWRITEBYTECODE", null);
    return env;
  }

  private static double once(
      Interpreter py, Target target, Path directory, Map<String, String> env, Duration timeout, String side,
      RunHook hook, Quantity quantity, boolean pinned) {
    PythonProcess p =
        PythonProcess.builder(py.executable(), cpuArgs(target, pinned))
            .timeout(timeout)
            .directory(directory)
            .discardStdout()
            .keepStderr(line -> line.startsWith(CPU_LINE) || line.startsWith(WALL_LINE))
            .hook(hook);
    env.forEach(p::env);
    ProcessResult r = p.run();
    if (r.interrupted() || Thread.currentThread().isInterrupted()) {
      throw new UserError(ExitCode.INTERRUPTED, "interrupted while comparing base and head");
    }
    if (!r.ok()) {
      String cause = hook.explainFailure(r);
      throw new TargetFailed(side,
          "the " + side + " run of " + target.describe() + " in " + directory + " "
              + (r.timedOut() ? "timed out" : cause != null ? cause : "exited with status " + r.exitCode())
              + "\n--- end of its stderr ---\n"
              + String.join("\n", r.stderr().stream()
                  .filter(l -> !l.startsWith(CPU_LINE) && !l.startsWith(WALL_LINE)).toList()
                  .reversed().stream().limit(15).toList().reversed()));
    }
    String prefix = quantity == Quantity.WALL ? WALL_LINE : CPU_LINE;
    for (String line : r.stderr()) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(prefix.length()).strip());
      }
    }
    throw UserError.target(
        "the " + side + " run of " + target.describe() + " ended without reporting its CPU time"
            + " (did it call os._exit?); its CPU time cannot be measured");
  }

  static final String CPU_LINE = "coldstart-cpu-ms:";
  static final String WALL_LINE = "coldstart-wall-ms:";

  /** A run of one side failed: the message says which run and ends with the tail of its stderr. */
  static final class TargetFailed extends UserError {
    private final String side;

    TargetFailed(String side, String message) {
      super(dev.coldstart.ExitCode.TARGET, message);
      this.side = side;
    }

    /** {@code base} or {@code head}. */
    String side() {
      return side;
    }
  }

  /**
   * Interpreter arguments that run the target and report its CPU time on stderr. The target runs
   * as Python would run it ({@code runpy} with {@code alter_sys} for {@code -m}, {@code run_path}
   * for a script, the code in {@code __main__}'s globals for {@code -c}); the report is written in
   * a {@code finally}, so {@code sys.exit} and exceptions still report (the exit status is kept).
   */
  static List<String> cpuArgs(Target target, boolean pinned) {
    StringBuilder py = new StringBuilder();
    if (pinned) {
      py.append(PIN);
    }
    py.append("import time as _cs_t, sys as _cs_s\n_cs_w = _cs_t.perf_counter()\n_cs_0 = _cs_t.process_time()\ntry:\n");
    switch (target) {
      case Target.Module m -> py.append("    import ").append(m.name()).append('\n');
      case Target.Code c -> py.append("    exec(compile(").append(literal(c.code())).append(", '<string>', 'exec'))\n");
      case Target.RunModule r -> {
        List<String> argv = new ArrayList<>(List.of(r.module()));
        argv.addAll(r.args());
        py.append("    import runpy\n    _cs_s.argv = ").append(list(argv)).append('\n');
        py.append("    runpy.run_module(").append(literal(r.module())).append(", run_name='__main__', alter_sys=True)\n");
      }
      case Target.Script sc -> {
        List<String> argv = new ArrayList<>(List.of(sc.script().toString()));
        argv.addAll(sc.args());
        Path dir = sc.script().toAbsolutePath().getParent();
        py.append("    import runpy\n    _cs_s.argv = ").append(list(argv)).append('\n');
        py.append("    _cs_s.path.insert(0, ").append(literal(dir == null ? "" : dir.toString())).append(")\n");
        py.append("    runpy.run_path(").append(literal(sc.script().toString())).append(", run_name='__main__')\n");
      }
      case Target.Log l -> throw new IllegalArgumentException("a log cannot be run");
    }
    py.append("finally:\n    _cs_1 = _cs_t.process_time()\n    _cs_v = _cs_t.perf_counter()\n")
        .append("    _cs_s.stderr.write('").append(CPU_LINE).append(" %r\\n").append(WALL_LINE)
        .append(" %r\\n' % ((_cs_1 - _cs_0) * 1000.0, (_cs_v - _cs_w) * 1000.0))\n    _cs_s.stderr.flush()\n");
    return List.of("-c", py.toString());
  }

  /**
   * Pins the run, before its timers start, to the highest-numbered CPU it may use, the same for
   * every run of every side. On a machine whose CPUs are not equally fast from moment to moment
   * (vCPUs whose host cores are shared with other guests), a run's speed otherwise depends on
   * where the scheduler places it. On the benchmark machine (two vCPUs), unpinned, a run after a slow
   * one was slow too 47 to 67 % of the time; pinned, 91 %, so whole rounds meet one state: a bisect
   * benchmark left out 4 % of its rounds instead of 25 to 35 %, and took about half the rounds for
   * the same accuracy (docs/benchmarks.md, "Bisect on a generated history").
   * The highest-numbered CPU, because Linux routes many interrupts to CPU 0 by default. Where the
   * platform has no affinity call (macOS) or refuses it, the run is not pinned. Threads and
   * processes the target starts share the CPU, which CPU time does not see but wall time does.
   */
  static final String PIN = """
      import os as _cs_o
      if hasattr(_cs_o, 'sched_setaffinity'):
          try:
              _cs_o.sched_setaffinity(0, {max(_cs_o.sched_getaffinity(0))})
          except OSError:
              pass
      """;

  /** A Python string literal for any text (non-ASCII escaped, so no source encoding matters). */
  static String literal(String s) {
    StringBuilder sb = new StringBuilder("'");
    s.codePoints().forEach(cp -> {
      if (cp == '\\' || cp == '\'') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp >= 0x20 && cp < 0x7f) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xffff) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.append(String.format("\\U%08x", cp));
      }
    });
    return sb.append('\'').toString();
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items.stream().map(AbSampler::literal).toList()) + "]";
  }

}
