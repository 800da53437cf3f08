package dev.coldstart.gate;

import dev.coldstart.ExitCode;
import dev.coldstart.UserError;
import dev.coldstart.explain.ImportChain;
import dev.coldstart.explain.RuntimeImportGraph;
import dev.coldstart.explain.WhyChains;
import dev.coldstart.limits.LimitMode;
import dev.coldstart.limits.LimitSettings;
import dev.coldstart.limits.LimitSpec;
import dev.coldstart.limits.Limits;
import dev.coldstart.limits.MeasuredUnder;
import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.profile.Sampler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.RunHook;
import dev.coldstart.python.Target;
import dev.coldstart.stats.Estimate;
import dev.coldstart.stats.Shift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check use case. Deterministic checks of every entry come first, from one recorded run each
 * (forbidden modules with their why-chains, module counts): they are cheap and never flaky, so a
 * build that breaks them fails fast... but every entry is still reported, not just the first.
 * Then the timed checks: budgets from a profile (entry and bare interpreter interleaved), and
 * regressions against saved baselines or a git reference (base and head interleaved).
 *
 * <p>Timed checks run under each entry's limits (the command line over the entry over the table;
 * see {@link #limitsOf}): one {@link Limits} per timed measurement, so each entry gets its own
 * cgroup settings, and for --against base and head share one group. A run the memory limit kills
 * ends that entry's timed checks with a {@link CheckResult.KilledByLimit} failure.
 */
public final class Gate {
  /**
   * What to check.
   *
   * @param python the interpreter
   * @param config the configuration
   * @param runs measured runs for timed checks
   * @param baselines saved profiles to compare against (already read), with their file names
   * @param against a git reference to compare against, or null
   * @param timed whether to run the timed checks at all ({@code --no-timing}: deterministic only)
   * @param commandLine the limits the command line states; they override the configuration's
   * @param limitMode what to do when a limit cannot be applied, or {@link LimitMode#OFF}
   * @param profileEvery profile every entry, also those without a budget ({@code check --record}:
   *     the report then holds a profile of each, see {@link CheckReport#profiles()})
   */
  public record Request(
      Interpreter python, CheckConfig config, int runs, Map<String, Profile> baselines, String against, boolean timed,
      LimitSettings commandLine, LimitMode limitMode, boolean profileEvery) {
    /** A request that profiles only the entries its checks need. */
    public Request(
        Interpreter python, CheckConfig config, int runs, Map<String, Profile> baselines, String against, boolean timed,
        LimitSettings commandLine, LimitMode limitMode) {
      this(python, config, runs, baselines, against, timed, commandLine, limitMode, false);
    }

    /** A request that uses the configuration's limits as they are. */
    public Request(
        Interpreter python, CheckConfig config, int runs, Map<String, Profile> baselines, String against, boolean timed) {
      this(python, config, runs, baselines, against, timed, LimitSettings.UNSET, LimitMode.STRICT);
    }
  }

  /** The limits an entry's timed checks run under: the command line over the entry over the table. */
  public static LimitSpec limitsOf(Request req, CheckConfig.Entry e) {
    if (req.limitMode() == LimitMode.OFF) {
      return LimitSpec.NONE;
    }
    return req.commandLine().over(e.limits()).over(req.config().limits()).spec();
  }

  /** Progress of long work. */
  public interface Listener {
    void phase(String what);

    void progress(String entry, int done, int total);
  }

  private final Request req;
  private final Listener listener;
  private final Duration timeout;
  private final ProjectTree head;
  private final List<String> notes = new ArrayList<>();

  private Gate(Request req, Listener listener) {
    this.req = req;
    this.listener = listener;
    this.timeout = Duration.ofMillis((long) (req.config().timeoutSeconds() * 1000));
    this.head = ProjectTree.of(req.config().root(), req.config().pythonPath());
  }

  public static CheckReport run(Request req, Listener listener) {
    if (req.config().entries().isEmpty()) {
      throw UserError.usage(
          (req.config().file() == null ? "no configuration" : req.config().file() + " has no [[tool.coldstart.entry]]")
              + ": nothing to check (see docs/check.md)");
    }
    Path work;
    try {
      work = Files.createTempDirectory("coldstart-check");
    } catch (IOException e) {
      throw UserError.target("cannot create a temporary directory: " + e.getMessage());
    }
    try {
      return new Gate(req, listener).check(work);
    } finally {
      deleteTree(work);
    }
  }

  private CheckReport check(Path work) {
    List<CheckResult> results = new ArrayList<>();
    Interpreter py = req.python();
    listener.phase("recording imports");
    Set<String> bare =
        loadedAtExit(ImportRecording.record(py, new Target.Code("pass"), head, timeout, work, "the bare interpreter"));
    for (CheckConfig.Entry e : req.config().entries()) {
      if (e.forbid().isEmpty() && e.maxModules() == null) {
        continue;
      }
      RuntimeImportGraph graph = ImportRecording.record(py, e.target(), head, timeout, work, "entry " + e.name());
      for (var pattern : e.forbid()) {
        results.add(forbidden(e.name(), pattern, graph));
      }
      if (e.maxModules() != null) {
        int count = (int) loadedAtExit(graph).stream().filter(m -> !bare.contains(m)).count();
        results.add(new CheckResult.ModuleCount(e.name(), count, e.maxModules(), bare.size()));
      }
    }
    if (!req.timed()) {
      return report(results);
    }
    Map<String, Measured> headProfiles = new HashMap<>();
    Set<String> killed = new HashSet<>();
    for (CheckConfig.Entry e : req.config().entries()) {
      if (e.budgetMs() == null) {
        continue;
      }
      Measured m;
      try {
        m = profile(e, true);
      } catch (Killed k) {
        results.add(k.result);
        killed.add(e.name());
        continue;
      }
      headProfiles.put(e.name(), m);
      Shift s = m.profile().aboveBareMs();
      results.add(
          new CheckResult.TimeBudget(
              e.name(), e.budgetMs(), s.estimate(), s.low(), s.high(), s.coverage(), m.profile().runs(),
              Verdicts.budget(s.low(), s.high(), e.budgetMs()), m.limits()));
    }
    if (!req.baselines().isEmpty()) {
      for (CheckConfig.Entry e : req.config().entries()) {
        if (killed.contains(e.name())) {
          continue;
        }
        try {
          compareWithBaseline(e, headProfiles, results);
        } catch (Killed k) {
          results.add(k.result);
          killed.add(e.name());
        }
      }
    }
    if (req.against() != null) {
      results.addAll(against(work, killed));
    }
    if (req.profileEvery()) {
      for (CheckConfig.Entry e : req.config().entries()) {
        if (killed.contains(e.name()) || headProfiles.containsKey(e.name())) {
          continue;
        }
        try {
          headProfiles.put(e.name(), profile(e, true));
        } catch (Killed k) {
          results.add(k.result);
        }
      }
    }
    limitNotes();
    Map<String, Profile> profiles = new LinkedHashMap<>();
    for (CheckConfig.Entry e : req.config().entries()) {
      if (headProfiles.containsKey(e.name())) {
        profiles.put(e.name(), headProfiles.get(e.name()).profile());
      }
    }
    return report(results, profiles);
  }

  /**
   * What {@code sys.modules} held when the recorded run exited, the count {@code profile}, {@code
   * diff} and {@code fix --verify} print too (modules loaded by {@code importlib.import_module}
   * included, modules loaded and then removed not).
   */
  private static Set<String> loadedAtExit(RuntimeImportGraph graph) {
    Set<String> out = new HashSet<>();
    for (String m : graph.modules()) {
      if (graph.details(m).isPresent()) {
        out.add(m);
      }
    }
    return out;
  }

  /** Base and head samples and the limits both sides ran under. */
  private record Compared(AbSampler.Samples samples, MeasuredUnder limits) {}

  /** A profile and the limits it was measured under. */
  private record Measured(Profile profile, MeasuredUnder limits) {}

  /** An entry's run was killed by its memory limit: its timed checks end with this failure. */
  private static final class Killed extends RuntimeException {
    final CheckResult.KilledByLimit result;

    Killed(CheckResult.KilledByLimit result) {
      super(result.summary(), null, false, false);
      this.result = result;
    }
  }

  /** Notes that hold for every entry measured under limits. */
  private void limitNotes() {
    if (!req.timed()) {
      return;
    }
    boolean any = req.config().entries().stream().anyMatch(e -> limitsOf(req, e).any());
    boolean deterministic = req.config().entries().stream()
        .anyMatch(e -> limitsOf(req, e).any() && (!e.forbid().isEmpty() || e.maxModules() != null));
    if (deterministic) {
      notes.add("limits apply to the timed checks; forbidden modules and module counts come from one"
          + " unconstrained recorded run (which modules load does not depend on the limits)");
    }
    if (any && req.against() != null) {
      notes.add("--against compares CPU time: a --cpu quota stretches wall time (about CPU time / share) but not CPU"
          + " time, and waiting for a --cold-cache read is not CPU time, so under those limits the comparison shows"
          + " the CPU work that the limits multiply; budgets, measured in wall time, show their full effect");
    }
  }

  /**
   * Opens the limits of one timed measurement of {@code e} at {@code sites} (null when it has none)
   * and runs {@code body} under them; a run the memory limit kills becomes {@link Killed}.
   */
  private <T> T underLimits(
      CheckConfig.Entry e, java.util.function.Function<UserError, String> side, List<Limits.RunSite> sites,
      java.util.function.Function<Limits, T> body) {
    LimitSpec spec = limitsOf(req, e);
    if (!spec.any()) {
      return body.apply(null);
    }
    try (Limits lim = Limits.open(spec, req.limitMode(), req.python(), timeout, sites)) {
      try {
        return body.apply(lim);
      } catch (UserError ex) {
        if (ex.exitCode() == ExitCode.TARGET && lim.kill() != null) {
          throw new Killed(new CheckResult.KilledByLimit(e.name(), side.apply(ex), lim.kill(), lim.measuredUnder()));
        }
        throw ex;
      }
    }
  }

  private CheckReport report(List<CheckResult> results) {
    return report(results, Map.of());
  }

  private CheckReport report(List<CheckResult> results, Map<String, Profile> profiles) {
    Map<String, Integer> lines = new HashMap<>();
    req.config().entries().forEach(e -> lines.put(e.name(), e.line()));
    return new CheckReport(configName(), req.python().describe(), results, lines, notes, profiles);
  }

  private String configName() {
    return req.config().file() == null ? "(defaults)" : req.config().file().toString();
  }

  /** Matching loaded modules, minus those inside another match, each with its shortest chain. */
  static CheckResult.Forbidden forbidden(String entry, ModulePattern pattern, RuntimeImportGraph graph) {
    List<String> matching = graph.modules().stream()
        .filter(m -> !m.equals(RuntimeImportGraph.ROOT) && pattern.matches(m))
        .toList();
    Set<String> all = new HashSet<>(matching);
    Map<String, Integer> tops = new LinkedHashMap<>();
    for (String m : matching) {
      String top = m;
      for (int dot = m.lastIndexOf('.'); dot > 0; dot = m.lastIndexOf('.', dot - 1)) {
        if (all.contains(m.substring(0, dot))) {
          top = m.substring(0, dot);
        }
      }
      tops.merge(top, top.equals(m) ? 0 : 1, Integer::sum);
    }
    List<CheckResult.LoadedModule> loaded = new ArrayList<>();
    tops.forEach((m, subs) -> {
      List<ImportChain> chains = WhyChains.find(graph, m, 1).chains();
      loaded.add(new CheckResult.LoadedModule(m, subs, chains.isEmpty() ? null : chains.get(0)));
    });
    return new CheckResult.Forbidden(entry, pattern.text(), loaded);
  }

  private Measured profile(CheckConfig.Entry e, boolean bare) {
    listener.phase("timing " + e.name());
    List<Limits.RunSite> sites = List.of(new Limits.RunSite(e.target(), head.env(), head.root()));
    return underLimits(e, ex -> "the entry", sites, lim -> {
      Profile p = Profiler.run(
          new Profiler.Request(
              req.python(), e.target(), req.runs(), 1, timeout, bare, head.env(), head.root(),
              lim == null ? List.of() : lim.constraints(), lim == null ? RunHook.NONE : lim),
          new Sampler.Listener() {
            @Override
            public void runFinished(dev.coldstart.profile.Run run, int done, int total) {
              listener.progress(e.name(), done, total);
            }
          },
          new dev.coldstart.explain.Recording.Pass<>());
      if (p.stoppedBy() != null) {
        throw new UserError(
            p.stoppedBy().contains("interrupted") ? ExitCode.INTERRUPTED : ExitCode.TARGET,
            "entry " + e.name() + ": timing stopped early: " + p.stoppedBy());
      }
      if (lim != null && !lim.measuredUnder().complete()) {
        addNote("entry " + e.name() + ": " + lim.measuredUnder().describe() + ", because " + lim.measuredUnder().notApplied());
      }
      return new Measured(p, lim == null ? MeasuredUnder.NOTHING : lim.measuredUnder());
    });
  }

  private void addNote(String n) {
    if (!notes.contains(n)) {
      notes.add(n);
    }
  }

  private void compareWithBaseline(CheckConfig.Entry e, Map<String, Measured> headProfiles, List<CheckResult> out) {
    String file = null;
    Profile base = null;
    for (var b : req.baselines().entrySet()) {
      if (b.getValue().target().equals(e.target().describe())) {
        file = b.getKey();
        base = b.getValue();
      }
    }
    if (base == null) {
      notes.add("entry " + e.name() + ": no baseline profile has the target '" + e.target().describe() + "'");
      return;
    }
    if (base.python() != null && !req.python().version().equals(base.python().version())) {
      notes.add("entry " + e.name() + ": the baseline was measured with Python " + base.python().version()
          + ", this run uses " + req.python().version() + "; the comparison mixes interpreters");
    }
    notes.add("a baseline file holds medians and intervals, not runs: its comparison is the difference of the"
        + " two medians with the conservative interval [head low - base high, head high - base low] (at least 90%"
        + " coverage) and no p-value; --against measures both sides in one run and is more precise");
    Measured measured = headProfiles.containsKey(e.name()) ? headProfiles.get(e.name()) : profile(e, false);
    Profile headProfile = measured.profile();
    List<String> baseLimits = base.constraints() == null ? List.of() : base.constraints();
    if (!baseLimits.equals(measured.limits().applied().describe())) {
      notes.add("entry " + e.name() + ": the baseline was measured under "
          + (baseLimits.isEmpty() ? "no limits" : String.join(", ", baseLimits)) + ", this run under "
          + measured.limits().describe() + "; the comparison mixes conditions");
    }
    Estimate b = base.importMs();
    Estimate h = headProfile.importMs();
    double est = h.median() - b.median();
    double low = h.low() - b.high();
    double high = h.high() - b.low();
    double coverage = Math.max(0, 1 - (1 - b.coverage()) - (1 - h.coverage()));
    double threshold = req.config().regressionThresholdMs(b.median());
    out.add(new CheckResult.Regression(
        e.name(), "baseline " + file, "import time", b.median(), h.median(), est, low, high, coverage, Double.NaN, threshold,
        h.n(), Verdicts.regression(low, high, Double.NaN, threshold), measured.limits()));
  }

  private List<CheckResult> against(Path work, Set<String> killed) {
    List<CheckResult> out = new ArrayList<>();
    listener.phase("checking out " + req.against());
    try (GitWorktree wt = GitWorktree.add(req.config().root(), req.against())) {
      Path rel = wt.repo().relativize(req.config().root().toRealPath());
      Path baseRoot = wt.dir().resolve(rel);
      if (!Files.isDirectory(baseRoot)) {
        throw UserError.usage(req.against() + " has no directory " + rel + " (the project did not exist there)");
      }
      ProjectTree base = ProjectTree.of(baseRoot, req.config().pythonPath());
      String reference = "git " + req.against() + " (" + wt.commit().substring(0, Math.min(10, wt.commit().length())) + ")";
      for (CheckConfig.Entry e : req.config().entries()) {
        if (killed.contains(e.name())) {
          continue;
        }
        listener.phase("comparing " + e.name() + " with " + req.against());
        Target baseTarget = base.rebase(e.target(), head.root());
        List<Limits.RunSite> sites = List.of(
            new Limits.RunSite(baseTarget, base.env(), base.root()), new Limits.RunSite(e.target(), head.env(), head.root()));
        Path pycache = work.resolve("pycache-" + out.size());
        Compared c;
        try {
          c = underLimits(e, ex -> ex.getMessage().startsWith("the base run") ? "the base (" + reference + ")" : "the head",
              sites, lim -> new Compared(
              AbSampler.sample(
                  req.python(), e.name(), baseTarget, base, e.target(), head, req.runs(), timeout, pycache,
                  listener::progress, lim == null ? RunHook.NONE : lim),
              lim == null ? MeasuredUnder.NOTHING : lim.measuredUnder()));
        } catch (Killed k) {
          out.add(k.result);
          continue;
        }
        AbSampler.Samples s = c.samples();
        MeasuredUnder under = c.limits();
        Shift shift = Shift.between(s.base(), s.head());
        double baseMs = Estimate.of(s.base()).median();
        double threshold = req.config().regressionThresholdMs(baseMs);
        out.add(new CheckResult.Regression(
            e.name(), reference, "CPU time", baseMs, Estimate.of(s.head()).median(), shift.estimate(), shift.low(), shift.high(),
            shift.coverage(), shift.pValue(), threshold, req.runs(),
            Verdicts.regression(shift.low(), shift.high(), shift.pValue(), threshold), under));
      }
    } catch (IOException e) {
      throw UserError.target("cannot resolve " + req.config().root() + ": " + e.getMessage());
    }
    return out;
  }

  private static void deleteTree(Path root) {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // A temporary directory left behind is harmless.
    }
  }
}
