package dev.coldstart.audit;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.explain.RuntimeImportGraph;
import dev.coldstart.gate.AbSampler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.ProcessResult;
import dev.coldstart.python.PythonProcess;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Audits candidates one after the other: for each, one plain run with the deferral (compared with
 * one plain run of the unchanged program: exit status, output, the hook's evidence), then, unless
 * that already makes it unsafe, interleaved timed pairs (the unchanged program and the deferred
 * one, alternating which goes first, {@link AbSampler#pair}) until the {@link SequentialRule}
 * stops. Both sides of every run carry the same hook, the unchanged side deferring nothing, so
 * the hook's own cost is not counted as a saving or a loss.
 *
 * <p>Cost: per candidate, 2 plain runs, 1 warm-up pair and between {@code first} and {@code max}
 * pairs: with the defaults, 24 to 64 runs of the target.
 */
public final class Auditor {
  /**
   * How to audit.
   *
   * @param python the interpreter
   * @param target the program
   * @param directory where it runs
   * @param timeout per run
   * @param rule when a candidate's timing stops
   * @param deadline stop starting work after this; null for none
   * @param work a scratch directory (the hook, bytecode caches, the hook's reports)
   * @param limits what every plain and timed run goes through (CPU and memory limits, a cold cache:
   *     docs/limits.md); {@link RunHook#NONE} for none
   */
  public record Settings(
      Interpreter python, Target target, Path directory, Duration timeout, SequentialRule rule, Instant deadline, Path work,
      RunHook limits) {
    /** Settings with no limits. */
    public Settings(
        Interpreter python, Target target, Path directory, Duration timeout, SequentialRule rule, Instant deadline, Path work) {
      this(python, target, directory, timeout, rule, deadline, work, RunHook.NONE);
    }
  }

  /**
   * Evidence beyond behaviour and timing, each optional.
   *
   * @param tests the project's test command ({@code --test}), or null
   * @param testTimeout the most one run of the tests may take
   * @param effects the import-time side effects recorded on the unchanged program, or null
   * @param graph the program's runtime import graph (which modules a deferral frees); with effects
   */
  public record Checks(String tests, Duration testTimeout, SideEffects effects, RuntimeImportGraph graph) {
    /** No tests, no side effects. */
    public static final Checks NONE = new Checks(null, null, null, null);
  }

  /** Told before each run. */
  public interface Listener {
    /**
     * @param candidate the candidate being audited
     * @param run 1-based number of the run over the whole audit
     * @param total the most runs the audit can still take
     */
    void run(String candidate, int run, int total);
  }

  /**
   * The result.
   *
   * @param mode how deferrals were applied
   * @param verdicts one per audited candidate, in the order audited
   * @param candidates how many were asked for
   * @param stoppedBy why the audit ended early ({@code --max-time}, interrupted); null when complete
   */
  public record Audit(Deferral.Mode mode, List<Verdict> verdicts, int candidates, String stoppedBy) {
    /**
     * Explain's prediction on the timing's scale: predictions come from {@code -X importtime}
     * (wall time of the profile's runs), savings are measured in CPU time, so the prediction is
     * multiplied by the unchanged program's CPU median over the profile's import time of the
     * target's own imports, start-up modules left out (on a busy machine wall time is several
     * times CPU time). Null when there is no prediction or
     * no timing.
     */
    public static dev.coldstart.explain.ModuleCost predictedCpuMs(Verdict v, double profiledImportMs) {
      var p = v.candidate().predicted();
      var t = v.timing().orElse(null);
      if (p == null || t == null || !(profiledImportMs > 0)) {
        return null;
      }
      double k = t.unchangedMs() / profiledImportMs / 1000;
      return new dev.coldstart.explain.ModuleCost(p.median() * k, p.low() * k, p.high() * k);
    }
  }

  private final Settings s;
  private final Listener listener;
  private final Deferral.Mode mode;
  private final Path hook;
  private final Map<String, String> baseTimedEnv;
  private int run;
  private int total;
  private ProcessResult unchanged;
  private int reports;

  private final Checks checks;
  private final ProjectTests tests; // null without --test

  private Auditor(Settings s, Listener listener, Checks checks) {
    this.s = s;
    this.listener = listener;
    this.checks = checks;
    this.mode = Deferral.Mode.of(s.python());
    this.hook = Deferral.writeHook(s.work().resolve("hook"));
    this.baseTimedEnv = timed(Deferral.none(mode), "base");
    // The unchanged side of the tests carries the hook deferring nothing, as the timed runs do.
    this.tests = checks.tests() == null ? null
        : ProjectTests.of(checks.tests(), s.directory(), Deferral.none(mode).environment(hook, null), checks.testTimeout());
  }

  /** Audits {@code candidates} in order; an interrupt or the deadline keeps the verdicts reached. */
  public static Audit run(Settings s, List<Candidate> candidates, Listener listener) {
    return run(s, candidates, listener, Checks.NONE);
  }

  /** Audits {@code candidates} in order with the project's tests and side effects as evidence too. */
  public static Audit run(Settings s, List<Candidate> candidates, Listener listener, Checks checks) {
    return new Auditor(s, listener, checks).all(candidates);
  }

  private Audit all(List<Candidate> candidates) {
    List<Verdict> verdicts = new ArrayList<>();
    int perCandidate = 2 + 2 * (1 + s.rule().max());
    total = 1 + perCandidate * candidates.size();
    String stopped = null;
    try {
      for (int i = 0; i < candidates.size(); i++) {
        if (pastDeadline()) {
          stopped = "--max-time";
          break;
        }
        Verdict v = audit(candidates.get(i));
        if (v == null) {
          stopped = "--max-time";
          break;
        }
        verdicts.add(v);
        total = run + perCandidate * (candidates.size() - i - 1);
      }
    } catch (UserError e) {
      if (e.exitCode() != ExitCode.INTERRUPTED) {
        throw e;
      }
      stopped = "interrupted";
    }
    return new Audit(mode, List.copyOf(verdicts), candidates.size(), stopped);
  }

  private boolean pastDeadline() {
    return s.deadline() != null && Instant.now().isAfter(s.deadline());
  }

  /** One candidate's verdict; null when the deadline passed before it could be decided. */
  private Verdict audit(Candidate c) {
    if (unchanged == null) {
      unchanged = plain(c.name(), Deferral.none(mode), null);
    }
    Path report = s.work().resolve("hook-report-" + (++reports) + ".jsonl");
    Deferral d = new Deferral(c.deferral(), mode);
    ProcessResult deferred = plain(c.name(), d, report);
    HookReport hooked = HookReport.read(report);
    List<Evidence> evidence = new ArrayList<>();
    if (hooked.deferred().isEmpty()) {
      evidence.add(new Evidence.NotApplied(notApplied(c)));
    }
    hooked.used().forEach(u -> evidence.add(new Evidence.UsedAtImport(u)));
    for (String m : c.modules()) {
      hooked.loaded().stream().filter(l -> l.module().equals(m)).findFirst()
          .ifPresent(l -> evidence.add(new Evidence.LoadedAnyway(l.module(), l.chain())));
    }
    evidence.add(behaviour(unchanged, deferred));
    if (checks.effects() != null) {
      evidence.add(moved(c));
    }
    Verdict early = Judge.judge(c, evidence, s.rule());
    if (early.kind() == Verdict.Kind.UNSAFE || evidence.stream().anyMatch(Evidence.NotApplied.class::isInstance)) {
      return early; // no timing can change it
    }
    if (tests != null) {
      listener.run(c.name() + ": tests", run, total);
      evidence.add(new Evidence.Tests(tests.command(), tests.compare(d.environment(hook, null))));
      early = Judge.judge(c, evidence, s.rule());
      if (early.kind() == Verdict.Kind.UNSAFE) {
        return early;
      }
    }
    boolean loadedAnyway = early.kind() == Verdict.Kind.NO_WIN;
    Evidence.Timing timing = time(c, d, loadedAnyway);
    if (timing == null) {
      return null;
    }
    evidence.add(timing);
    return Judge.judge(c, evidence, s.rule());
  }

  /** The side effects outside the standard library that this candidate's deferral moves. */
  private Evidence.SideEffectsMove moved(Candidate c) {
    List<SideEffect> all = checks.effects().moving(checks.graph(), c.deferral());
    List<SideEffect> outside = all.stream().filter(e -> !e.stdlib()).toList();
    String incomplete = checks.effects().complete() ? null
        : checks.effects().problem() == null ? "the recording stopped early" : checks.effects().problem();
    return new Evidence.SideEffectsMove(outside, all.size() - outside.size(), incomplete);
  }

  private String notApplied(Candidate c) {
    return mode == Deferral.Mode.NATIVE
        ? "no statement importing " + String.join(", ", c.modules()) + " could be made lazy (PEP 810: imports in"
            + " functions, try/except, with blocks and star imports are always eager)"
        : "no module-level statement importing " + String.join(", ", c.modules()) + " ran"
            + " (imports in functions are deferred already; star imports cannot be)";
  }

  /**
   * Timed pairs until the rule stops; the first look only when the modules are loaded anyway (the
   * verdict is no-win unless that look already shows a saving). Null when the deadline passed
   * before the first look.
   */
  private Evidence.Timing time(Candidate c, Deferral d, boolean firstLookOnly) {
    SequentialRule rule = s.rule();
    Map<String, String> headEnv = timed(d, "head");
    AbSampler.Side base = new AbSampler.Side("unchanged", s.target(), s.directory(), baseTimedEnv);
    AbSampler.Side head = new AbSampler.Side("deferred", s.target(), s.directory(), headEnv);
    pair(c, base, head, true); // warm-up: writes both sides' bytecode
    double[] b = new double[rule.max()];
    double[] h = new double[rule.max()];
    for (int n = 1; n <= rule.max(); n++) {
      double[] ms = pair(c, base, head, n % 2 == 0);
      b[n - 1] = ms[0];
      h[n - 1] = ms[1];
      boolean last = n == rule.max() || (firstLookOnly && n >= rule.first());
      if (pastDeadline() && n < rule.first()) {
        return null;
      }
      if (rule.isLook(n) || last || pastDeadline()) {
        double[] bb = Arrays.copyOf(b, n);
        double[] hh = Arrays.copyOf(h, n);
        Shift saving = Shift.between(hh, bb, rule.confidence());
        if (last || pastDeadline() || rule.decide(saving) != SequentialRule.Outcome.CONTINUE) {
          return new Evidence.Timing(saving, n, Estimate.of(bb).median(), n < rule.max());
        }
      }
    }
    throw new IllegalStateException("unreachable: the last pair is a look");
  }

  private double[] pair(Candidate c, AbSampler.Side base, AbSampler.Side head, boolean baseFirst) {
    listener.run(c.name(), run += 2, total);
    return AbSampler.pair(s.python(), base, head, baseFirst, s.timeout(), s.limits());
  }

  private Map<String, String> timed(Deferral d, String side) {
    Map<String, String> env = new HashMap<>(d.environment(hook, null));
    env.put("PYTHONPYCACHEPREFIX", s.work().resolve("pycache-" + side).toString());
    env.put("PYTHONDONTWRITEBYTECODE", null);
    return env;
  }

  private ProcessResult plain(String candidate, Deferral d, Path report) {
    listener.run(candidate, ++run, total);
    PythonProcess p = PythonProcess.builder(s.python().executable(), s.target().pythonArgs())
        .timeout(s.timeout())
        .directory(s.directory())
        .hook(s.limits());
    d.environment(hook, report).forEach(p::env);
    ProcessResult r = p.run();
    if (r.interrupted() || Thread.currentThread().isInterrupted()) {
      throw new UserError(ExitCode.INTERRUPTED, "interrupted");
    }
    if (r.timedOut()) {
      throw UserError.target(s.target().describe() + " timed out after " + s.timeout().toSeconds() + " s"
          + (d.rules().isEmpty() ? "" : " with " + d.describe() + " deferred"));
    }
    return r;
  }

  /** The first difference between the two plain runs, or the same. */
  static Evidence.Behaviour behaviour(ProcessResult unchanged, ProcessResult deferred) {
    if (unchanged.exitCode() != deferred.exitCode()) {
      String tail = deferred.stderrTail(1);
      return new Evidence.Behaviour(false, "exit status " + unchanged.exitCode() + " unchanged, "
          + deferred.exitCode() + " deferred" + (tail.isEmpty() ? "" : " (" + tail.strip() + ")"));
    }
    String out = firstDifference(unchanged.stdout().lines().toList(), deferred.stdout().lines().toList());
    if (out != null) {
      return new Evidence.Behaviour(false, "standard output " + out);
    }
    String err = firstDifference(unchanged.stderr(), deferred.stderr());
    if (err != null) {
      return new Evidence.Behaviour(false, "standard error " + err);
    }
    return new Evidence.Behaviour(true, null);
  }

  private static String firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : null;
      String y = i < b.size() ? b.get(i) : null;
      if (x == null || !x.equals(y)) {
        return "line " + (i + 1) + ": " + (x == null ? "(none)" : quote(x)) + " unchanged, "
            + (y == null ? "(none)" : quote(y)) + " deferred";
      }
    }
    return null;
  }

  private static String quote(String s) {
    String t = s.length() > 80 ? s.substring(0, 77) + "..." : s;
    return "\"" + t + "\"";
  }
}
