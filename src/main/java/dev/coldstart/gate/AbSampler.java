package dev.coldstart.gate;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.profile.ImportTimeLog;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
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
 * <p>What is measured is the entry's import time: the sum of the top-level cumulative times of
 * {@code -X importtime}, which leaves out interpreter start-up and teardown that the code under
 * test cannot change (and that are the noisiest part of a process's wall time).
 *
 * <p>Bytecode: each side gets its own {@code PYTHONPYCACHEPREFIX} (a fresh directory) with
 * bytecode writing on, and the warm-up pair writes it. Otherwise a working tree with
 * {@code __pycache__} would be compared against a fresh worktree compiling every module on every
 * run (Python 3.8+; 3.7 ignores the prefix and writes {@code __pycache__} in each tree).
 */
final class AbSampler {
  /** Called after each run. */
  interface Listener {
    void progress(String entry, int done, int total);
  }

  /** Import times in milliseconds, one per measured run, in run order. */
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
      Listener listener) {
    Map<String, String> baseEnv = env(base, cacheDir.resolve("base"));
    Map<String, String> headEnv = env(head, cacheDir.resolve("head"));
    int warmup = 1;
    int total = 2 * (runs + warmup);
    int done = 0;
    double[] b = new double[runs];
    double[] h = new double[runs];
    for (int i = -warmup; i < runs; i++) {
      boolean baseFirst = Math.floorMod(i, 2) == 0;
      for (int k = 0; k < 2; k++) {
        boolean isBase = baseFirst == (k == 0);
        double ms =
            isBase
                ? once(py, baseTarget, base, baseEnv, timeout, "base")
                : once(py, headTarget, head, headEnv, timeout, "head");
        if (i >= 0) {
          (isBase ? b : h)[i] = ms;
        }
        listener.progress(entry, ++done, total);
      }
    }
    return new Samples(b, h);
  }

  private static Map<String, String> env(ProjectTree tree, Path pycache) {
    Map<String, String> env = new java.util.HashMap<>(tree.env());
    env.put("PYTHONPYCACHEPREFIX", pycache.toString());
    env.put("PYTHONDONTWRITEBYTECODE", null);
    return env;
  }

  private static double once(
      Interpreter py, Target target, ProjectTree tree, Map<String, String> env, Duration timeout, String side) {
    List<String> argv = new ArrayList<>(List.of("-X", "importtime"));
    argv.addAll(target.pythonArgs());
    PythonProcess p =
        PythonProcess.builder(py.executable(), argv)
            .timeout(timeout)
            .directory(tree.root())
            .discardStdout()
            .keepStderr(line -> line.startsWith("import time:"));
    env.forEach(p::env);
    ProcessResult r = p.run();
    if (r.interrupted() || Thread.currentThread().isInterrupted()) {
      throw new UserError(ExitCode.INTERRUPTED, "interrupted while comparing base and head");
    }
    if (!r.ok()) {
      throw UserError.target(
          "the " + side + " run of " + target.describe() + " in " + tree.root() + " "
              + (r.timedOut() ? "timed out" : "exited with status " + r.exitCode())
              + "\n--- end of its stderr ---\n"
              + String.join("\n", r.stderr().stream().filter(l -> !l.startsWith("import time:")).toList()
                  .reversed().stream().limit(15).toList().reversed()));
    }
    return importMs(r.stderr());
  }

  /** The sum of the top-level cumulative times of one run's log, in milliseconds. */
  static double importMs(List<String> stderr) {
    ImportTimeLog log = ImportTimeLog.parse(String.join("\n", stderr) + "\n");
    double ms = 0;
    for (ImportTimeLog.Node root : log.roots()) {
      if (!root.cached()) {
        ms += root.cumulativeUs() / 1000.0;
      }
    }
    return ms;
  }
}
