package dev.coldstart.profile;

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
 * Runs the target and the bare interpreter ({@code -c pass}) in fresh processes under {@code -X
 * importtime}, interleaved: warm-up pairs first (not kept), then measured pairs whose order
 * alternates (target first, then bare first) so a slow drift of the machine biases neither side.
 *
 * <p>Stops early, keeping every finished run, when the calling thread is interrupted (Ctrl-C) or
 * when a measured run fails after the first succeeded. A first run that fails is the user's
 * problem: it is reported with the end of the Python traceback (exit 3).
 */
public final class Sampler {
  /**
   * Told about each run as it happens; must return quickly (the event pipeline hands events to
   * slow listeners on their own threads). {@code number} is 1-based over all runs, warm-ups
   * included, out of {@code total}.
   */
  public interface Listener {
    /** A listener that ignores everything. */
    Listener NONE = (run, number, total) -> {};

    void runFinished(Run run, int number, int total);

    default void runStarted(Run.Kind kind, boolean warmup, int number, int total) {}

    default void warmupFinished(Run.Kind kind, ProcessResult result, int number, int total) {}

    /** Sampling ended before all runs; {@code reason} says why. */
    default void stopped(String reason) {}
  }

  /**
   * How to sample.
   *
   * @param runs measured runs of the target (and as many of the bare interpreter)
   * @param warmup unrecorded runs of each before measuring
   * @param timeout limit for one run; the whole process tree is killed past it
   * @param bare whether to measure the bare interpreter too
   * @param env environment changes for every run (null value removes a variable)
   * @param directory working directory for every run, or null for ours
   * @param hook what surrounds each run (limits, cache eviction); {@link RunHook#NONE} for nothing
   */
  public record Options(
      int runs,
      int warmup,
      Duration timeout,
      boolean bare,
      Map<String, String> env,
      Path directory,
      RunHook hook) {}

  /**
   * What was measured.
   *
   * @param target the measured target runs, in order
   * @param bare the measured bare-interpreter runs, in order
   * @param stoppedBy why sampling ended early, or null when every run finished
   */
  public record Samples(List<Run> target, List<Run> bare, String stoppedBy) {
    public boolean complete() {
      return stoppedBy == null;
    }
  }

  private static final List<String> BARE = List.of("-c", "pass");

  private final Interpreter python;
  private final Target target;
  private final Options options;
  private final Listener listener;

  public Sampler(Interpreter python, Target target, Options options, Listener listener) {
    this.python = python;
    this.target = target;
    this.options = options;
    this.listener = listener;
  }

  /** Samples; see the class comment for how failures and interrupts end it. */
  public Samples sample() {
    List<Run> targetRuns = new ArrayList<>();
    List<Run> bareRuns = new ArrayList<>();
    int perPair = options.bare() ? 2 : 1;
    int total = (options.runs() + options.warmup()) * perPair;
    int number = 0;
    for (int w = 0; w < options.warmup(); w++) {
      for (int k = 0; k < perPair; k++) {
        Run.Kind kind = k == 0 ? Run.Kind.TARGET : Run.Kind.BARE;
        listener.runStarted(kind, true, ++number, total);
        ProcessResult r = runOnce(kind == Run.Kind.BARE ? BARE : target.pythonArgs());
        listener.warmupFinished(kind, r, number, total);
        if (r.interrupted() || interruptedExit(r)) {
          return stop(targetRuns, bareRuns, "interrupted during warm-up");
        }
        failIfBroken(r, true);
      }
    }
    for (int i = 0; i < options.runs(); i++) {
      boolean bareFirst = options.bare() && i % 2 == 1;
      for (int k = 0; k < perPair; k++) {
        boolean isBare = bareFirst ? k == 0 : k == 1;
        Run.Kind kind = isBare ? Run.Kind.BARE : Run.Kind.TARGET;
        listener.runStarted(kind, false, ++number, total);
        ProcessResult r = runOnce(isBare ? BARE : target.pythonArgs());
        if (r.interrupted() || interruptedExit(r)) {
          return stop(targetRuns, bareRuns, "interrupted");
        }
        boolean first = targetRuns.isEmpty() && bareRuns.isEmpty();
        String broken = brokenReason(r);
        if (broken != null) {
          if (first) {
            throw failure(r, broken);
          }
          return stop(targetRuns, bareRuns, (isBare ? "bare interpreter " : "target ") + "run " + (i + 1) + " " + broken);
        }
        List<Run> into = isBare ? bareRuns : targetRuns;
        Run run = new Run(kind, into.size(), r.wallNanos(), r.exitCode(), r.stderr());
        into.add(run);
        listener.runFinished(run, number, total);
        if (Thread.currentThread().isInterrupted()) {
          return stop(targetRuns, bareRuns, "interrupted");
        }
      }
    }
    return new Samples(targetRuns, bareRuns, null);
  }

  private Samples stop(List<Run> target, List<Run> bare, String reason) {
    listener.stopped(reason);
    return new Samples(target, bare, reason);
  }

  /**
   * A child killed by the same Ctrl-C as us (same terminal process group) may exit before our
   * handler interrupts this thread: Python dies of SIGINT (status 130, or -2 from some launchers).
   */
  private static boolean interruptedExit(ProcessResult r) {
    if (r.exitCode() != 130 && r.exitCode() != -2) {
      return false;
    }
    try {
      Thread.sleep(50); // Give our own SIGINT handler the moment it needs to mark us.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
    return Thread.currentThread().isInterrupted();
  }

  private ProcessResult runOnce(List<String> args) {
    List<String> argv = new ArrayList<>(args.size() + 2);
    argv.add("-X");
    argv.add("importtime");
    argv.addAll(args);
    PythonProcess p =
        PythonProcess.builder(python.executable(), argv)
            .timeout(options.timeout())
            .discardStdout()
            .keepStderr(line -> line.startsWith("import time:"))
            .hook(options.hook());
    options.env().forEach(p::env);
    if (options.directory() != null) {
      p.directory(options.directory());
    }
    return p.run();
  }

  private void failIfBroken(ProcessResult r, boolean warmup) {
    String broken = brokenReason(r);
    if (broken != null && !r.interrupted()) {
      throw failure(r, (warmup ? "(warm-up) " : "") + broken);
    }
  }

  private String brokenReason(ProcessResult r) {
    if (r.timedOut()) {
      return "timed out after " + options.timeout().toSeconds() + " s (process tree killed; raise --timeout)";
    }
    if (r.interrupted()) {
      return "interrupted";
    }
    String cause = options.hook().explainFailure(r);
    if (cause != null) {
      return cause;
    }
    if (r.exitCode() != 0) {
      return "exited with status " + r.exitCode();
    }
    return null;
  }

  private UserError failure(ProcessResult r, String reason) {
    List<String> other = r.stderr().stream().filter(l -> !l.startsWith("import time:")).toList();
    StringBuilder msg = new StringBuilder("the target failed: ").append(target.describe()).append(' ').append(reason);
    if (!other.isEmpty()) {
      msg.append("\n--- end of its stderr ---\n");
      msg.append(String.join("\n", other.subList(Math.max(0, other.size() - 15), other.size())));
    }
    return UserError.target(msg.toString());
  }
}
